using Network.Contracts.Matching;
using Network.Matching.Domain;

namespace Network.Matching.Tests.Rules;

/// <summary>SuggestionRules and SuggestionRefresh as plain functions: each answer and each kind of change.</summary>
public sealed class Answering_and_refreshing_suggestions
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid ListingId = Guid.NewGuid();

    [Fact]
    public void The_first_interest_is_recorded_and_the_second_forms_a_partnership()
    {
        var (afterOffer, first) = SuggestionRules.ExpressInterest(Open(), SuggestionSide.Offer, Now);
        var (afterBoth, second) = SuggestionRules.ExpressInterest(afterOffer, SuggestionSide.Request, Now.AddHours(1));

        Assert.Equal((AnswerOutcome.Recorded, SuggestionStatus.Open), (first, afterOffer.Status));
        Assert.Equal(Now, afterOffer.OfferInterestedAt);
        Assert.Equal((AnswerOutcome.PartnershipFormed, SuggestionStatus.Partnership), (second, afterBoth.Status));
        Assert.Equal(Now.AddHours(1), afterBoth.ClosedAt);
    }

    [Fact]
    public void Interest_given_twice_changes_nothing()
    {
        var (interested, _) = SuggestionRules.ExpressInterest(Open(), SuggestionSide.Request, Now);
        var (again, outcome) = SuggestionRules.ExpressInterest(interested, SuggestionSide.Request, Now.AddDays(1));

        Assert.Equal(AnswerOutcome.AlreadyGiven, outcome);
        Assert.Same(interested, again);
    }

    [Fact]
    public void Interest_repeated_after_the_partnership_changes_nothing_but_a_declined_side_cannot_be_interested_again()
    {
        var (interested, _) = SuggestionRules.ExpressInterest(Open(), SuggestionSide.Offer, Now);
        var (partnership, _) = SuggestionRules.ExpressInterest(interested, SuggestionSide.Request, Now);
        var (declined, _) = SuggestionRules.Decline(interested, SuggestionSide.Offer, null, Now);

        Assert.Equal(AnswerOutcome.AlreadyGiven, SuggestionRules.ExpressInterest(partnership, SuggestionSide.Offer, Now).Outcome);
        Assert.Equal(AnswerOutcome.NotOpen, SuggestionRules.ExpressInterest(declined, SuggestionSide.Offer, Now).Outcome);
    }

    [Theory]
    [InlineData(SuggestionStatus.Closed)]
    [InlineData(SuggestionStatus.Declined)]
    [InlineData(SuggestionStatus.Partnership)]
    public void A_suggestion_that_is_not_open_takes_no_interest(SuggestionStatus status)
    {
        var (_, outcome) = SuggestionRules.ExpressInterest(Open() with { Status = status }, SuggestionSide.Offer, Now);

        Assert.Equal(AnswerOutcome.NotOpen, outcome);
    }

    [Fact]
    public void Declining_records_who_and_why_even_after_having_been_interested()
    {
        var (interested, _) = SuggestionRules.ExpressInterest(Open(), SuggestionSide.Offer, Now);
        var (declined, outcome) = SuggestionRules.Decline(interested, SuggestionSide.Offer, "  Keine Kapazität bis Juni.  ", Now);

        Assert.Equal(AnswerOutcome.Recorded, outcome);
        Assert.Equal(SuggestionStatus.Declined, declined.Status);
        Assert.Equal(declined.OfferOrganisationId, declined.DeclinedByOrganisationId);
        Assert.Equal("Keine Kapazität bis Juni.", declined.DeclineReason);
    }

    [Fact]
    public void Declining_twice_by_the_same_side_changes_nothing_but_the_other_side_cannot_decline_too()
    {
        var (declined, _) = SuggestionRules.Decline(Open(), SuggestionSide.Request, null, Now);

        Assert.Equal(AnswerOutcome.AlreadyGiven, SuggestionRules.Decline(declined, SuggestionSide.Request, "noch einmal", Now).Outcome);
        Assert.Equal(AnswerOutcome.NotOpen, SuggestionRules.Decline(declined, SuggestionSide.Offer, null, Now).Outcome);
        Assert.Null(declined.DeclineReason);
    }

    [Fact]
    public void A_partnership_cannot_be_declined()
    {
        Assert.Equal(AnswerOutcome.NotOpen, SuggestionRules.Decline(Open() with { Status = SuggestionStatus.Partnership }, SuggestionSide.Offer, null, Now).Outcome);
    }

    [Fact]
    public void An_unavailable_listing_closes_only_its_open_suggestions()
    {
        var open = Open();
        var declined = Open() with { Status = SuggestionStatus.Declined };
        var partnership = Open() with { Status = SuggestionStatus.Partnership };

        var changes = SuggestionRefresh.WhenUnavailable([open, declined, partnership], SuggestionClosedReason.Withdrawn);

        Assert.Equal([(open, SuggestionClosedReason.Withdrawn)], changes.ToClose);
        Assert.Empty(changes.ToCreate);
    }

    [Fact]
    public void A_listed_listing_creates_new_pairs_updates_changed_ones_reopens_closed_ones_and_leaves_answered_ones()
    {
        var unchanged = Fit(0.7);
        var changed = Fit(0.8);
        var reopened = Fit(0.6);
        var answered = Fit(0.9);
        var fresh = Fit(0.5);
        var existing = new[]
        {
            Between(unchanged) with { Score = 0.7, Reasons = unchanged.Reasons },
            Between(changed) with { Score = 0.4, Reasons = changed.Reasons },
            Between(reopened) with { Status = SuggestionStatus.Closed, ClosedReason = SuggestionClosedReason.Hidden },
            Between(answered) with { Status = SuggestionStatus.Declined },
        };

        var changes = SuggestionRefresh.WhenListed(ListingId, existing, [answered, changed, unchanged, reopened, fresh], new Dictionary<Guid, MatchSuggestion>());

        Assert.Equal([fresh], changes.ToCreate);
        Assert.Equal([changed.Candidate.ListingId], changes.ToUpdate.Select(u => u.Fit.Candidate.ListingId));
        Assert.Equal([reopened.Candidate.ListingId], changes.ToReopen.Select(r => r.Fit.Candidate.ListingId));
        Assert.Empty(changes.ToClose);
    }

    [Fact]
    public void An_open_suggestion_outside_the_best_stays_while_it_fits_and_closes_when_it_does_not()
    {
        var stillFits = Fit(0.3);
        var gone = Fit(0.3);
        var existing = new[] { Between(stillFits) with { Score = 0.2 }, Between(gone) };

        var changes = SuggestionRefresh.WhenListed(ListingId, existing, [], new Dictionary<Guid, MatchSuggestion> { [stillFits.Candidate.ListingId] = stillFits });

        Assert.Equal([stillFits.Candidate.ListingId], changes.ToUpdate.Select(u => u.Fit.Candidate.ListingId));
        var closed = Assert.Single(changes.ToClose);
        Assert.Equal((gone.Candidate.ListingId, SuggestionClosedReason.NoLongerFits), (closed.Suggestion.RequestListingId, closed.Reason));
    }

    [Fact]
    public void At_most_the_maximum_of_new_suggestions_is_made_at_once()
    {
        var best = Enumerable.Range(0, SuggestionRefresh.MaximumOpenPerListing + 5).Select(i => Fit(1.0 - (i / 100.0))).ToList();

        var changes = SuggestionRefresh.WhenListed(ListingId, [], best, new Dictionary<Guid, MatchSuggestion>());

        Assert.Equal(best.Take(SuggestionRefresh.MaximumOpenPerListing), changes.ToCreate);
    }

    [Fact]
    public void A_listing_with_its_open_places_taken_gets_no_new_suggestions()
    {
        var held = Enumerable.Range(0, SuggestionRefresh.MaximumOpenPerListing).Select(i => Fit(0.5)).ToList();
        var existing = held.Select(fit => Between(fit) with { Score = fit.Score, Reasons = fit.Reasons }).ToList();
        var better = Fit(0.9);

        var changes = SuggestionRefresh.WhenListed(ListingId, existing, [better, .. held], new Dictionary<Guid, MatchSuggestion>());

        Assert.Empty(changes.ToCreate);
        Assert.True(changes.IsEmpty);
    }

    [Fact]
    public void Closing_one_frees_a_place_for_the_best_new_counterpart()
    {
        var kept = Enumerable.Range(0, SuggestionRefresh.MaximumOpenPerListing - 1).Select(i => Fit(0.5)).ToList();
        var gone = Fit(0.5);
        var existing = kept.Append(gone).Select(fit => Between(fit) with { Score = fit.Score, Reasons = fit.Reasons }).ToList();
        var (first, second) = (Fit(0.9), Fit(0.8));

        var changes = SuggestionRefresh.WhenListed(ListingId, existing, [first, second, .. kept], new Dictionary<Guid, MatchSuggestion>());

        Assert.Equal(gone.Candidate.ListingId, Assert.Single(changes.ToClose).Suggestion.RequestListingId);
        Assert.Equal([first], changes.ToCreate);
    }

    [Fact]
    public void A_closed_suggestion_outside_the_best_that_fits_again_is_reopened()
    {
        var fitsAgain = Fit(0.3);
        var stillGone = Fit(0.3);
        var existing = new[]
        {
            Between(fitsAgain) with { Status = SuggestionStatus.Closed, ClosedReason = SuggestionClosedReason.Hidden },
            Between(stillGone) with { Status = SuggestionStatus.Closed, ClosedReason = SuggestionClosedReason.Hidden },
        };

        var changes = SuggestionRefresh.WhenListed(ListingId, existing, [], new Dictionary<Guid, MatchSuggestion> { [fitsAgain.Candidate.ListingId] = fitsAgain });

        Assert.Equal([fitsAgain.Candidate.ListingId], changes.ToReopen.Select(r => r.Fit.Candidate.ListingId));
        Assert.Empty(changes.ToClose);
    }

    [Fact]
    public void Nothing_to_change_is_an_empty_change()
    {
        var fit = Fit(0.7);

        var changes = SuggestionRefresh.WhenListed(ListingId, [Between(fit) with { Score = fit.Score, Reasons = fit.Reasons }], [fit], new Dictionary<Guid, MatchSuggestion>());

        Assert.True(changes.IsEmpty);
    }

    [Theory]
    [InlineData(ListingStatus.Withdrawn, false, false, OrganisationStatus.Verified, SuggestionClosedReason.Withdrawn)]
    [InlineData(ListingStatus.Active, true, true, OrganisationStatus.Suspended, SuggestionClosedReason.Expired)]
    [InlineData(ListingStatus.Active, false, true, OrganisationStatus.Suspended, SuggestionClosedReason.Hidden)]
    [InlineData(ListingStatus.Active, false, false, OrganisationStatus.Suspended, SuggestionClosedReason.OrganisationUnavailable)]
    [InlineData(ListingStatus.Active, false, false, OrganisationStatus.Pending, SuggestionClosedReason.OrganisationUnavailable)]
    public void A_listing_that_is_not_listed_says_why(ListingStatus status, bool expired, bool hidden, OrganisationStatus organisation, SuggestionClosedReason expected)
    {
        var listing = Listing(status, expired ? Now.AddDays(-1) : Now.AddDays(30), hidden ? Now : null, organisation);

        Assert.Equal(expected, SuggestionRules.UnavailableBecause(listing, Now));
    }

    [Fact]
    public void A_listed_listing_has_no_reason_to_close()
    {
        Assert.Null(SuggestionRules.UnavailableBecause(Listing(ListingStatus.Active, null, null, OrganisationStatus.Verified), Now));
    }

    private static Listing Listing(ListingStatus status, DateTimeOffset? validUntil, DateTimeOffset? hiddenAt, OrganisationStatus organisation) => new(
        ListingId,
        Guid.NewGuid(),
        ListingKind.Offer,
        status,
        new ListingContent("Titel", "", ["health"], ["de"], ["online"], [], ListingFormat.Online, validUntil),
        1,
        Now.AddDays(-60),
        Now.AddDays(-60),
        null,
        hiddenAt,
        null,
        organisation);

    /// <summary>A counterpart (a request) of the refreshed listing (an offer) with the given score.</summary>
    private static MatchSuggestion Fit(double score) => new(
        new ListingProfile
        {
            ListingId = Guid.NewGuid(),
            OrganisationId = Guid.NewGuid(),
            Kind = ListingKind.Request,
            Topics = ["health"],
            Regions = ["online"],
            Languages = [],
            TargetGroups = [],
            Title = "Anfrage",
            Description = "",
            OrganisationVerified = true,
        },
        score,
        [new MatchReason { Code = "shared_topic", De = "Gleiches Thema: Gesundheit", En = "same topic: health" }]);

    private static Suggestion Between(MatchSuggestion fit) => Open() with
    {
        RequestListingId = fit.Candidate.ListingId,
        RequestOrganisationId = fit.Candidate.OrganisationId,
    };

    private static Suggestion Open() => new(
        Guid.NewGuid(), ListingId, Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Angebot", "Anfrage", "MSO", "Amt",
        SuggestionStatus.Open, 0.5, [], null, null, null, null, null, Now.AddDays(-1), Now.AddDays(-1), null, null);
}
