using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

/// <summary>
/// Suggestions through the API with a real database: made when listings fit, kept up to date when
/// either side changes, closed when one goes away, and answered until a partnership forms.
/// </summary>
public sealed class Suggesting_partners(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    /// <summary>Lichtenberg is the first test's own; every other test takes a district of its own (see <see cref="NextDistrict"/>).</summary>
    private static readonly string[] Districts = Taxonomy.Regions.SelectMany(city => city.Districts).Select(d => d.Code).Where(d => d != "berlin_lichtenberg").ToArray();
    private static int nextDistrict;

    [Fact]
    public async Task A_fitting_offer_and_request_are_suggested_to_both_organisations_with_reasons()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, "berlin_lichtenberg"));
        var request = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, "berlin_lichtenberg"));

        var seenByOffer = await api.ClientFor(offerOrganisation).BetweenAsync(offerOrganisation, offer.Id(), request.Id());
        var seenByRequest = await api.ClientFor(requestOrganisation).BetweenAsync(requestOrganisation, offer.Id(), request.Id());

        Assert.NotNull(seenByOffer);
        Assert.NotNull(seenByRequest);
        var suggestion = seenByOffer.Value;
        Assert.Equal(suggestion.GetProperty("id").GetGuid(), seenByRequest.Value.GetProperty("id").GetGuid());
        Assert.Equal("open", suggestion.Status());
        Assert.InRange(suggestion.GetProperty("score").GetDouble(), 0.5, 1.0);
        var reasons = suggestion.GetProperty("reasons").EnumerateArray().ToList();
        Assert.Contains(reasons, r => r.GetProperty("code").GetString() == "shared_topic" && r.GetProperty("en").GetString() == "same topic: health"
            && r.GetProperty("de").GetString() == "Gleiches Thema: Gesundheit");
        Assert.Contains(reasons, r => r.GetProperty("code").GetString() == "same_district" && r.GetProperty("en").GetString() == "both work in Lichtenberg");
        Assert.Contains(reasons, r => r.GetProperty("code").GetString() == "shared_language" && r.GetProperty("en").GetString() == "the offer covers Vietnamese");
        Assert.Equal(offerOrganisation, suggestion.GetProperty("offer").GetProperty("organisationId").GetGuid());
        Assert.False(suggestion.GetProperty("offer").GetProperty("interested").GetBoolean());

        // Published once, for messaging to tell both organisations.
        Assert.Equal(1, await api.OutboxCountAsync("MatchSuggested", "suggestionId", suggestion.GetProperty("id").GetGuid()));
    }

    [Fact]
    public async Task Listings_that_do_not_fit_are_not_suggested()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var district = NextDistrict();
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        var otherTopic = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, district, d => d["topics"] = new[] { "housing" }));
        var otherCity = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, "dessau_rosslau"));
        var ownRequest = await api.ClientFor(offerOrganisation).PublishAsync(Request(offerOrganisation, district));
        var anotherOffer = await api.ClientFor(requestOrganisation).PublishAsync(Offer(requestOrganisation, district));

        var member = api.ClientFor(offerOrganisation, requestOrganisation);
        Assert.Null(await member.BetweenAsync(offerOrganisation, offer.Id(), otherTopic.Id()));
        Assert.Null(await member.BetweenAsync(offerOrganisation, offer.Id(), otherCity.Id()));
        Assert.Null(await member.BetweenAsync(offerOrganisation, offer.Id(), ownRequest.Id()));
        // Two offers are never suggested to each other, whichever way round.
        Assert.Null(await member.BetweenAsync(offerOrganisation, offer.Id(), anotherOffer.Id()));
        Assert.Null(await member.BetweenAsync(offerOrganisation, anotherOffer.Id(), offer.Id()));
    }

    [Fact]
    public async Task A_held_listing_is_matched_once_its_organisation_is_verified_and_suspension_closes_and_reinstatement_reopens()
    {
        var offerOrganisation = await VerifiedAsync();
        var pendingOrganisation = await api.OrganisationAsync(OrganisationStatus.Pending);
        var district = NextDistrict();
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        var request = await api.ClientFor(pendingOrganisation).PublishAsync(Request(pendingOrganisation, district));
        var both = api.ClientFor(offerOrganisation, pendingOrganisation);
        Assert.Null(await both.BetweenAsync(offerOrganisation, offer.Id(), request.Id()));

        await api.ChangeStandingAsync(pendingOrganisation, OrganisationStatus.Verified);
        var suggestion = await both.BetweenAsync(offerOrganisation, offer.Id(), request.Id());
        Assert.Equal("open", suggestion?.Status());
        var id = suggestion!.Value.GetProperty("id").GetGuid();

        await api.ChangeStandingAsync(pendingOrganisation, OrganisationStatus.Suspended);
        var closed = await both.GetSuggestionAsync(id);
        Assert.Equal("closed", closed.Status());
        // Whether the other side was suspended is between it and the coordinators.
        Assert.Equal("unavailable", closed.GetProperty("closedReason").GetString());
        Assert.Equal("organisation_unavailable", (await api.CoordinatorClient().GetSuggestionAsync(id)).GetProperty("closedReason").GetString());
        Assert.Equal(1, await api.OutboxCountAsync("SuggestionClosed", "suggestionId", id));
        // Closed suggestions are not among the open ones the list shows by default.
        using var open = await both.GetAsync($"{Suggestions.Path}?organisationId={offerOrganisation}");
        Assert.DoesNotContain((await open.JsonAsync()).GetProperty("items").EnumerateArray(), s => s.GetProperty("id").GetGuid() == id);

        await api.ChangeStandingAsync(pendingOrganisation, OrganisationStatus.Verified);
        var reopened = await both.GetSuggestionAsync(id);
        Assert.Equal("open", reopened.Status());
        Assert.Equal(JsonValueKind.Null, reopened.GetProperty("closedReason").ValueKind);
        Assert.Equal(2, await api.OutboxCountAsync("MatchSuggested", "suggestionId", id));
    }

    [Fact]
    public async Task Editing_a_listing_updates_its_suggestion_closes_it_when_it_no_longer_fits_and_reopens_it_when_it_fits_again()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var district = NextDistrict();
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        var requester = api.ClientFor(requestOrganisation);
        var request = await requester.PublishAsync(Request(requestOrganisation, district, d => d["languages"] = new[] { "ar" }));
        var before = (await requester.BetweenAsync(requestOrganisation, offer.Id(), request.Id()))!.Value;
        Assert.DoesNotContain("shared_language", before.ReasonCodes());
        var id = before.GetProperty("id").GetGuid();

        await EditAsync(requester, request.Id(), new { languages = new[] { "vi" } }, 1);
        var better = await requester.GetSuggestionAsync(id);
        Assert.Contains("shared_language", better.ReasonCodes());
        Assert.True(better.GetProperty("score").GetDouble() > before.GetProperty("score").GetDouble());

        await EditAsync(requester, request.Id(), new { topics = new[] { "housing" } }, 2);
        var closed = await requester.GetSuggestionAsync(id);
        Assert.Equal(("closed", "no_longer_fits"), (closed.Status(), closed.GetProperty("closedReason").GetString()));

        await EditAsync(requester, request.Id(), new { topics = new[] { "health" } }, 3);
        Assert.Equal("open", (await requester.GetSuggestionAsync(id)).Status());
        // However often it changed, the pair has one suggestion.
        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM suggestions WHERE offer_listing_id = @offer AND request_listing_id = @request", new { offer = offer.Id(), request = request.Id() }));
    }

    [Fact]
    public async Task Withdrawing_or_hiding_a_listing_closes_its_suggestions_with_the_reason()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var district = NextDistrict();
        var offerer = api.ClientFor(offerOrganisation);
        var offer = await offerer.PublishAsync(Offer(offerOrganisation, district));
        var withdrawn = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, district));
        var hidden = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, district, d => d["title"] = "Gesundheitslotsen gesucht"));
        var first = (await offerer.BetweenAsync(offerOrganisation, offer.Id(), withdrawn.Id()))!.Value.GetProperty("id").GetGuid();
        var second = (await offerer.BetweenAsync(offerOrganisation, offer.Id(), hidden.Id()))!.Value.GetProperty("id").GetGuid();

        using (var withdraw = await api.ClientFor(requestOrganisation).DeleteAsync($"{Listings.Path}/{withdrawn.Id()}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, withdraw.StatusCode);
        }

        using (var hide = await api.CoordinatorClient().PostAsJsonAsync(
            "/api/matching/moderation/decisions", new { contentType = "listing", contentId = hidden.Id(), decision = "hide", reason = "Enthält Telefonnummern von Privatpersonen." }))
        {
            Assert.Equal(HttpStatusCode.Created, hide.StatusCode);
        }

        Assert.Equal("withdrawn", (await offerer.GetSuggestionAsync(first)).GetProperty("closedReason").GetString());
        // The other side learns neither that the request was hidden nor, while it is, its title.
        var seenByOfferer = await offerer.GetSuggestionAsync(second);
        Assert.Equal("unavailable", seenByOfferer.GetProperty("closedReason").GetString());
        Assert.Equal("", seenByOfferer.GetProperty("request").GetProperty("title").GetString());
        Assert.Equal("Gesundheitslotsen gesucht", (await api.ClientFor(requestOrganisation).GetSuggestionAsync(second)).GetProperty("request").GetProperty("title").GetString());
        Assert.Equal("hidden", (await api.CoordinatorClient().GetSuggestionAsync(second)).GetProperty("closedReason").GetString());
        await using (var connection = await api.OpenConnectionAsync())
        {
            var published = await connection.QueryAsync<string>(
                "SELECT body->>'reason' FROM outbox_messages WHERE message_type LIKE '%.SuggestionClosed' AND body->>'suggestionId' = @id", new { id = second.ToString() });
            Assert.Equal(["unavailable"], published);
        }

        using (var restore = await api.CoordinatorClient().PostAsJsonAsync(
            "/api/matching/moderation/decisions", new { contentType = "listing", contentId = hidden.Id(), decision = "restore", reason = "Nummern entfernt." }))
        {
            Assert.Equal(HttpStatusCode.Created, restore.StatusCode);
        }

        Assert.Equal("open", (await offerer.GetSuggestionAsync(second)).Status());
        Assert.Equal("closed", (await offerer.GetSuggestionAsync(first)).Status());
    }

    [Fact]
    public async Task Interest_from_both_sides_forms_one_partnership()
    {
        var (offerOrganisation, requestOrganisation, id) = await SuggestedPairAsync();
        var offerer = api.ClientFor(offerOrganisation);
        var requester = api.ClientFor(requestOrganisation);

        using var first = await offerer.InterestAsync(id, offerOrganisation);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var half = await first.JsonAsync();
        Assert.Equal("open", half.Status());
        Assert.True(half.GetProperty("offer").GetProperty("interested").GetBoolean());
        Assert.False(half.GetProperty("request").GetProperty("interested").GetBoolean());
        using var again = await offerer.InterestAsync(id, offerOrganisation);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await api.OutboxCountAsync("InterestExpressed", "suggestionId", id));

        using var second = await requester.InterestAsync(id, requestOrganisation);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var formed = await second.JsonAsync();
        Assert.Equal("partnership", formed.Status());
        var partnershipId = formed.GetProperty("partnershipId").GetGuid();
        Assert.Equal(1, await api.OutboxCountAsync("PartnershipFormed", "partnershipId", partnershipId));

        foreach (var (client, organisation) in new[] { (offerer, offerOrganisation), (requester, requestOrganisation) })
        {
            using var list = await client.GetAsync($"/api/matching/partnerships?organisationId={organisation}");
            Assert.Equal(HttpStatusCode.OK, list.StatusCode);
            var partnership = Assert.Single((await list.JsonAsync()).GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == partnershipId);
            Assert.Equal(offerOrganisation, partnership.GetProperty("offer").GetProperty("organisationId").GetGuid());
            Assert.Equal(requestOrganisation, partnership.GetProperty("request").GetProperty("organisationId").GetGuid());
        }

        // A partnership is final.
        using var decline = await offerer.DeclineAsync(id, offerOrganisation, "Doch keine Zeit.");
        Assert.Equal(HttpStatusCode.Conflict, decline.StatusCode);
    }

    [Fact]
    public async Task Both_sides_answering_at_once_form_exactly_one_partnership()
    {
        var (offerOrganisation, requestOrganisation, id) = await SuggestedPairAsync();
        var offerer = api.ClientFor(offerOrganisation);
        var requester = api.ClientFor(requestOrganisation);

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => i % 2 == 0
            ? offerer.InterestAsync(id, offerOrganisation)
            : requester.InterestAsync(id, requestOrganisation)));

        Assert.All(answers, answer => Assert.Equal(HttpStatusCode.OK, answer.StatusCode));
        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM partnerships WHERE suggestion_id = @id", new { id }));
        Assert.Equal(1, await api.OutboxCountAsync("PartnershipFormed", "suggestionId", id));
        Assert.Equal(2, await api.OutboxCountAsync("InterestExpressed", "suggestionId", id));
    }

    [Fact]
    public async Task A_side_declines_with_a_reason_the_other_side_reads()
    {
        var (offerOrganisation, requestOrganisation, id) = await SuggestedPairAsync();
        var offerer = api.ClientFor(offerOrganisation);

        using var declined = await api.ClientFor(requestOrganisation).DeclineAsync(id, requestOrganisation, "Wir haben schon eine Partnerin für dieses Projekt.");

        Assert.Equal(HttpStatusCode.OK, declined.StatusCode);
        var seen = await offerer.GetSuggestionAsync(id);
        Assert.Equal("declined", seen.Status());
        Assert.Equal(requestOrganisation, seen.GetProperty("declinedByOrganisationId").GetGuid());
        Assert.Equal("Wir haben schon eine Partnerin für dieses Projekt.", seen.GetProperty("declineReason").GetString());
        Assert.Equal(1, await api.OutboxCountAsync("SuggestionClosed", "suggestionId", id));
        using var late = await offerer.InterestAsync(id, offerOrganisation);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Equal("application/problem+json", late.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Only_the_two_sides_see_and_answer_a_suggestion()
    {
        var (offerOrganisation, requestOrganisation, id) = await SuggestedPairAsync();
        var stranger = api.ClientFor(await VerifiedAsync());

        using (var read = await stranger.GetAsync($"{Suggestions.Path}/{id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        }

        using (var answer = await stranger.InterestAsync(id, offerOrganisation))
        {
            Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        }

        using (var forTheOtherSide = await api.ClientFor(offerOrganisation).InterestAsync(id, requestOrganisation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forTheOtherSide.StatusCode);
        }

        using (var list = await stranger.GetAsync($"{Suggestions.Path}?organisationId={offerOrganisation}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        }

        using (var partnerships = await stranger.GetAsync($"/api/matching/partnerships?organisationId={offerOrganisation}"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, partnerships.StatusCode);
        }

        // Coordinators see it, but answer only for organisations they belong to.
        Assert.Equal("open", (await api.CoordinatorClient().GetSuggestionAsync(id)).Status());
        using (var coordinatorAnswer = await api.CoordinatorClient().InterestAsync(id, offerOrganisation))
        {
            Assert.Equal(HttpStatusCode.Forbidden, coordinatorAnswer.StatusCode);
        }

        using var anonymous = api.CreateClient();
        using var unauthorised = await anonymous.GetAsync($"{Suggestions.Path}/{id}");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorised.StatusCode);
        Assert.Equal("open", (await api.ClientFor(requestOrganisation).GetSuggestionAsync(id)).Status());
    }

    [Fact]
    public async Task Bad_answers_and_lists_are_refused_naming_the_field()
    {
        var (offerOrganisation, _, id) = await SuggestedPairAsync();
        var member = api.ClientFor(offerOrganisation);

        using (var noOrganisation = await member.PostAsJsonAsync($"{Suggestions.Path}/{id}/interest", new { }))
        {
            Assert.Equal(["organisationId"], await noOrganisation.ProblemFieldsAsync());
        }

        var unrelated = await VerifiedAsync();
        using (var notASide = await api.ClientFor(offerOrganisation, unrelated).InterestAsync(id, unrelated))
        {
            Assert.Equal(["organisationId"], await notASide.ProblemFieldsAsync());
        }

        using (var longReason = await member.DeclineAsync(id, offerOrganisation, new string('x', SuggestionRules.MaximumDeclineReasonLength + 1)))
        {
            Assert.Equal(["reason"], await longReason.ProblemFieldsAsync());
        }

        using (var controlCharacters = await member.DeclineAsync(id, offerOrganisation, "Nein\u0007"))
        {
            Assert.Equal(["reason"], await controlCharacters.ProblemFieldsAsync());
        }

        using (var unknownField = await member.PostAsJsonAsync($"{Suggestions.Path}/{id}/interest", new { organisationId = offerOrganisation, priority = 1 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
        }

        using (var noList = await member.GetAsync(Suggestions.Path))
        {
            Assert.Equal(["organisationId"], await noList.ProblemFieldsAsync());
        }

        using (var badStatus = await member.GetAsync($"{Suggestions.Path}?organisationId={offerOrganisation}&status=maybe"))
        {
            Assert.Equal(["status"], await badStatus.ProblemFieldsAsync());
        }

        using (var badLimit = await member.GetAsync($"{Suggestions.Path}?organisationId={offerOrganisation}&limit=0"))
        {
            Assert.Equal(["limit"], await badLimit.ProblemFieldsAsync());
        }

        using (var unknown = await member.InterestAsync(Guid.NewGuid(), offerOrganisation))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        // Nothing of the above changed the suggestion.
        var after = await member.GetSuggestionAsync(id);
        Assert.Equal("open", after.Status());
        Assert.False(after.GetProperty("offer").GetProperty("interested").GetBoolean());
    }

    [Fact]
    public async Task A_listing_shows_its_ranked_matches_to_its_members_only()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var district = NextDistrict();
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        var sameDistrict = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, district));
        var online = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, "online", d => d["title"] = "Online-Sprechstunde gesucht"));

        using var response = await api.ClientFor(offerOrganisation).GetAsync($"{Listings.Path}/{offer.Id()}/matches?limit=100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var matches = (await response.JsonAsync()).GetProperty("items").EnumerateArray().ToList();
        var ids = matches.Select(m => m.GetProperty("listing").GetProperty("id").GetGuid()).ToList();
        Assert.Contains(sameDistrict.Id(), ids);
        Assert.Contains(online.Id(), ids);
        // The same district fits better than online.
        Assert.True(ids.IndexOf(sameDistrict.Id()) < ids.IndexOf(online.Id()));
        var scores = matches.Select(m => m.GetProperty("score").GetDouble()).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
        Assert.Contains("online", matches[ids.IndexOf(online.Id())].ReasonCodes());

        using var stranger = await api.ClientFor(requestOrganisation).GetAsync($"{Listings.Path}/{offer.Id()}/matches");
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        using var unknown = await api.ClientFor(offerOrganisation).GetAsync($"{Listings.Path}/{Guid.NewGuid()}/matches");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_suggestion_that_closed_and_fits_again_reopens_without_the_old_answers()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var district = NextDistrict();
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        var requester = api.ClientFor(requestOrganisation);
        var request = await requester.PublishAsync(Request(requestOrganisation, district));
        var id = (await requester.BetweenAsync(requestOrganisation, offer.Id(), request.Id()))!.Value.GetProperty("id").GetGuid();
        (await api.ClientFor(offerOrganisation).InterestAsync(id, offerOrganisation)).Dispose();

        await EditAsync(requester, request.Id(), new { topics = new[] { "housing" } }, 1);
        await EditAsync(requester, request.Id(), new { topics = new[] { "health" } }, 2);

        var reopened = await requester.GetSuggestionAsync(id);
        Assert.Equal("open", reopened.Status());
        // The offer's interest was in what the request said before; it is asked again.
        Assert.False(reopened.GetProperty("offer").GetProperty("interested").GetBoolean());
        using var single = await requester.InterestAsync(id, requestOrganisation);
        Assert.Equal("open", (await single.JsonAsync()).Status());
    }

    [Fact]
    public async Task Interest_in_a_suggestion_whose_listing_has_just_expired_is_refused()
    {
        var (offerOrganisation, requestOrganisation, id) = await SuggestedPairAsync();
        var suggestion = await api.ClientFor(offerOrganisation).GetSuggestionAsync(id);
        // Expired a moment ago; the expiry job has not passed yet.
        await using (var connection = await api.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "UPDATE listings SET valid_until = now() - interval '1 second' WHERE id = @id",
                new { id = suggestion.GetProperty("request").GetProperty("listingId").GetGuid() });
        }

        using var interest = await api.ClientFor(offerOrganisation).InterestAsync(id, offerOrganisation);

        Assert.Equal(HttpStatusCode.Conflict, interest.StatusCode);
        Assert.False((await api.ClientFor(offerOrganisation).GetSuggestionAsync(id)).GetProperty("offer").GetProperty("interested").GetBoolean());
        // Declining stays possible.
        using var decline = await api.ClientFor(requestOrganisation).DeclineAsync(id, requestOrganisation, null);
        Assert.Equal(HttpStatusCode.OK, decline.StatusCode);
    }

    [Fact]
    public async Task A_listing_fills_at_most_its_open_places_and_gets_them_back_after_being_hidden_and_restored()
    {
        var offerOrganisation = await VerifiedAsync();
        var district = NextDistrict();
        for (var i = 0; i < SuggestionRefresh.MaximumOpenPerListing + 2; i++)
        {
            var requestOrganisation = await VerifiedAsync();
            await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, district, d => d["title"] = $"Partner für Gesundheitsinformationen gesucht {i}"));
        }

        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        Assert.Equal(SuggestionRefresh.MaximumOpenPerListing, await OpenSuggestionsOfAsync(offer.Id()));

        await DecideAsync(offer.Id(), "hide");
        Assert.Equal(0, await OpenSuggestionsOfAsync(offer.Id()));
        await DecideAsync(offer.Id(), "restore");
        Assert.Equal(SuggestionRefresh.MaximumOpenPerListing, await OpenSuggestionsOfAsync(offer.Id()));
    }

    [Fact]
    public async Task A_held_listing_shows_its_members_what_it_will_be_matched_with_and_stays_invisible_to_others()
    {
        var (pending, verified) = (await api.OrganisationAsync(OrganisationStatus.Pending), await VerifiedAsync());
        var district = NextDistrict();
        var request = await api.ClientFor(verified).PublishAsync(Request(verified, district));
        var held = await api.ClientFor(pending).PublishAsync(Offer(pending, district));
        var path = $"{Listings.Path}/{held.Id()}/matches";

        using var members = await api.ClientFor(pending).GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, members.StatusCode);
        Assert.Contains((await members.JsonAsync()).GetProperty("items").EnumerateArray(), m => m.GetProperty("listing").GetProperty("id").GetGuid() == request.Id());
        using var coordinator = await api.CoordinatorClient().GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, coordinator.StatusCode);
        // Others may not even know the held listing exists.
        using var stranger = await api.ClientFor(verified).GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
        using var badLimit = await api.ClientFor(pending).GetAsync($"{path}?limit=101");
        Assert.Equal(["limit"], await badLimit.ProblemFieldsAsync());
    }

    /// <summary>Two verified organisations whose offer and request were suggested to each other.</summary>
    private async Task<(Guid OfferOrganisation, Guid RequestOrganisation, Guid SuggestionId)> SuggestedPairAsync()
    {
        var (offerOrganisation, requestOrganisation) = (await VerifiedAsync(), await VerifiedAsync());
        var district = NextDistrict();
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Offer(offerOrganisation, district));
        var request = await api.ClientFor(requestOrganisation).PublishAsync(Request(requestOrganisation, district));
        var suggestion = await api.ClientFor(offerOrganisation).BetweenAsync(offerOrganisation, offer.Id(), request.Id());
        Assert.NotNull(suggestion);
        return (offerOrganisation, requestOrganisation, suggestion.Value.GetProperty("id").GetGuid());
    }

    private Task<Guid> VerifiedAsync() => api.OrganisationAsync(OrganisationStatus.Verified);

    private async Task<int> OpenSuggestionsOfAsync(Guid offerId)
    {
        await using var connection = await api.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*)::int FROM suggestions WHERE offer_listing_id = @offerId AND status = 'open'", new { offerId });
    }

    private async Task DecideAsync(Guid listingId, string decision)
    {
        using var response = await api.CoordinatorClient().PostAsJsonAsync(
            "/api/matching/moderation/decisions", new { contentType = "listing", contentId = listingId, decision, reason = "Prüfung durch die Koordination." });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    /// <summary>
    /// Each test works in a district of its own: its listings are alike in wording, and in a shared
    /// district another test's would tie with them for the places a listing's suggestions fill.
    /// </summary>
    private static string NextDistrict()
    {
        var next = Interlocked.Increment(ref nextDistrict) - 1;
        return next < Districts.Length ? Districts[next] : throw new InvalidOperationException("More tests than districts: give the new test other topics.");
    }

    private static Dictionary<string, object?> Offer(Guid organisationId, string region, Action<Dictionary<string, object?>>? change = null) =>
        Listings.Draft(organisationId, draft =>
        {
            draft["kind"] = "offer";
            draft["title"] = "Gesundheitslotsinnen für vietnamesische Familien";
            draft["description"] = "Wir begleiten Familien zu Ärztinnen und erklären Vorsorge auf Vietnamesisch.";
            draft["topics"] = new[] { "health", "language_mediation" };
            draft["languages"] = new[] { "vi", "de" };
            draft["regions"] = new[] { region };
            change?.Invoke(draft);
        });

    private static Dictionary<string, object?> Request(Guid organisationId, string region, Action<Dictionary<string, object?>>? change = null) =>
        Listings.Draft(organisationId, draft =>
        {
            draft["kind"] = "request";
            draft["title"] = "Partner für Gesundheitsinformationen gesucht";
            draft["description"] = "Das Gesundheitsamt sucht eine Organisation, die vietnamesische Familien zur Vorsorge erreicht.";
            draft["topics"] = new[] { "health" };
            draft["languages"] = new[] { "vi" };
            draft["regions"] = new[] { region };
            change?.Invoke(draft);
        });

    private static async Task EditAsync(HttpClient client, Guid listingId, object change, int version)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"{Listings.Path}/{listingId}") { Content = JsonContent.Create(change) };
        request.Headers.IfMatch.Add(new EntityTagHeaderValue($"\"{version}\""));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
