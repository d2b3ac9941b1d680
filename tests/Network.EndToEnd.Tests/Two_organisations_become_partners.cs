using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Network.EndToEnd.Tests.Platform;

namespace Network.EndToEnd.Tests;

/// <summary>
/// The first flow of the design, over the real broker and every process: two organisations register
/// in the directory and are verified by a coordinator; matching hears of it through the directory's
/// events, suggests the MSO's offer and the health office's request to each other with reasons, and
/// forms a partnership when both say they are interested. Everything through the gateway.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class Two_organisations_become_partners(PlatformFixture platform)
{
    private static readonly TimeSpan EventTravel = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_offer_and_a_request_that_fit_are_suggested_to_both_and_end_in_a_partnership()
    {
        var coordinator = await platform.SignInAsync(PlatformFixture.CoordinatorEmail, PlatformFixture.CoordinatorPassword);
        var (mso, msoEmail) = await OrganisationAsync("Vietnam-Haus Lichtenberg", "mso", coordinator);
        var (office, officeEmail) = await OrganisationAsync("Gesundheitsamt Lichtenberg", "service_provider", coordinator);
        // Signed in again, the tokens carry the new memberships.
        var msoToken = await platform.SignInAsync(msoEmail);
        var officeToken = await platform.SignInAsync(officeEmail);

        var offer = await PublishAsync(msoToken, new
        {
            organisationId = mso,
            kind = "offer",
            title = "Gesundheitslotsinnen für vietnamesische Familien",
            description = "Wir begleiten Familien zu Ärztinnen und erklären Vorsorge auf Vietnamesisch.",
            topics = new[] { "health", "language_mediation" },
            languages = new[] { "vi", "de" },
            regions = new[] { "berlin_lichtenberg" },
            targetGroups = new[] { "families" },
            format = "in_person",
        });
        var request = await PublishAsync(officeToken, new
        {
            organisationId = office,
            kind = "request",
            title = "Partner für Vorsorge bei vietnamesischsprachigen Familien gesucht",
            description = "Das Gesundheitsamt sucht eine Organisation, die vietnamesischsprachige Familien in Lichtenberg erreicht.",
            topics = new[] { "health" },
            languages = new[] { "vi" },
            regions = new[] { "berlin_lichtenberg" },
            targetGroups = new[] { "families" },
            format = "hybrid",
        });

        // The verifications travel to matching as events; once they have, the listings are matched.
        var seenByMso = await SuggestionAsync(msoToken, mso, offer, request);
        var seenByOffice = await SuggestionAsync(officeToken, office, offer, request);
        Assert.True(seenByMso.HasValue, "the MSO never got the suggestion");
        Assert.True(seenByOffice.HasValue, "the health office never got the suggestion");
        var suggestion = seenByMso.Value;
        var id = suggestion.GetProperty("id").GetGuid();
        Assert.Equal(id, seenByOffice.Value.GetProperty("id").GetGuid());
        var reasons = suggestion.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("en").GetString()).ToList();
        Assert.Contains("both work in Lichtenberg", reasons);
        Assert.Contains("the offer covers Vietnamese", reasons);
        Assert.Contains("same topic: health", reasons);
        Assert.Equal("Vietnam-Haus Lichtenberg", suggestion.GetProperty("offer").GetProperty("organisationName").GetString());

        using (var first = await PostAsync(msoToken, $"/api/matching/suggestions/{id}/interest", new { organisationId = mso }))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        Guid partnershipId;
        using (var second = await PostAsync(officeToken, $"/api/matching/suggestions/{id}/interest", new { organisationId = office }))
        {
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);
            using var body = JsonDocument.Parse(await second.Content.ReadAsStringAsync());
            Assert.Equal("partnership", body.RootElement.GetProperty("status").GetString());
            partnershipId = body.RootElement.GetProperty("partnershipId").GetGuid();
        }

        foreach (var (token, organisation) in new[] { (msoToken, mso), (officeToken, office) })
        {
            using var partnerships = await platform.GetAsync($"/api/matching/partnerships?organisationId={organisation}", token);
            Assert.Equal(HttpStatusCode.OK, partnerships.StatusCode);
            using var body = JsonDocument.Parse(await partnerships.Content.ReadAsStringAsync());
            Assert.Contains(body.RootElement.GetProperty("items").EnumerateArray(), p => p.GetProperty("id").GetGuid() == partnershipId);
        }

        // PartnershipFormed travels to messaging, which opens the two organisations' conversation;
        // both were told of the suggestion before.
        foreach (var token in new[] { msoToken, officeToken })
        {
            var opened = await PlatformClient.EventuallyAsync(
                async () => await (await platform.GetAsync("/api/messaging/conversations", token)).Content.ReadAsStringAsync(),
                text => text.Contains(partnershipId.ToString(), StringComparison.Ordinal),
                EventTravel);
            Assert.Contains(partnershipId.ToString(), opened, StringComparison.Ordinal);
            var notified = await PlatformClient.EventuallyAsync(
                async () => await (await platform.GetAsync("/api/messaging/notifications", token)).Content.ReadAsStringAsync(),
                text => text.Contains("Gesundheitslotsinnen", StringComparison.Ordinal),
                EventTravel);
            Assert.Contains("Gesundheitslotsinnen", notified, StringComparison.Ordinal);
        }
    }

    /// <summary>A new account registers an organisation, which the coordinator verifies; returns its id and the account's address.</summary>
    private async Task<(Guid Id, string Email)> OrganisationAsync(string name, string kind, string coordinatorToken)
    {
        var email = PlatformClient.NewEmail(kind);
        var (signUp, _) = await platform.SignUpAsync(email, $"Ansprechperson {name}");
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var token = await platform.SignInAsync(email);
        using var registered = await PostAsync(token, "/api/directory/organisations", new
        {
            name,
            kind,
            description = $"{name} arbeitet im Bezirk.",
            regions = new[] { "berlin_lichtenberg" },
            topics = new[] { "health" },
            languages = new[] { "de", "vi" },
            targetGroups = new[] { "families" },
        });
        var text = await registered.Content.ReadAsStringAsync();
        Assert.True(registered.StatusCode == HttpStatusCode.Created, text);
        var id = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
        using var verified = await PostAsync(coordinatorToken, $"/api/directory/organisations/{id}/verification", new { decision = "verify" });
        Assert.True(verified.IsSuccessStatusCode, await verified.Content.ReadAsStringAsync());
        return (id, email);
    }

    private async Task<Guid> PublishAsync(string token, object listing)
    {
        using var response = await PostAsync(token, "/api/matching/listings", listing);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
    }

    private Task<JsonElement?> SuggestionAsync(string token, Guid organisation, Guid offer, Guid request) =>
        PlatformClient.EventuallyAsync<JsonElement?>(
            async () =>
            {
                using var response = await platform.GetAsync($"/api/matching/suggestions?organisationId={organisation}", token);
                if (!response.IsSuccessStatusCode)
                {
                    return null;
                }

                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                foreach (var item in body.RootElement.GetProperty("items").EnumerateArray())
                {
                    if (item.GetProperty("offer").GetProperty("listingId").GetGuid() == offer && item.GetProperty("request").GetProperty("listingId").GetGuid() == request)
                    {
                        return item.Clone();
                    }
                }

                return null;
            },
            found => found.HasValue,
            EventTravel);

    private async Task<HttpResponseMessage> PostAsync(string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await platform.Http.SendAsync(request);
    }
}
