using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

public sealed class Who_may_do_what_with_an_event(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task Without_a_token_only_public_reading_is_answered()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var anonymous = api.AnonymousClient();

        using var publish = await anonymous.PostAsJsonAsync(EventRequests.Path, EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        using var register = await anonymous.RegisterAsync(created.Id());
        using var edit = await anonymous.PatchAsync(created.Id(), new { title = "Übernommen" }, version: 1);
        using var mine = await anonymous.GetAsync("/api/events/me/registrations");
        using var statistics = await anonymous.GetAsync("/api/events/statistics");
        using var read = await anonymous.GetAsync($"{EventRequests.Path}/{created.Id()}");

        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, register.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, mine.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, statistics.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    [Fact]
    public async Task Only_members_of_the_organiser_and_coordinators_publish_change_and_cancel()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var outsider = api.MemberOf(Guid.NewGuid());

        using var publish = await outsider.PostAsJsonAsync(EventRequests.Path, EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        using var edit = await outsider.PatchAsync(created.Id(), new { title = "Übernommen" }, version: 1);
        using var cancel = await outsider.PostAsJsonAsync($"{EventRequests.Path}/{created.Id()}/cancellation", new { reason = "Weil ich es kann." });
        using var list = await outsider.GetAsync($"{EventRequests.Path}/{created.Id()}/registrations.csv");
        using var coordinatorPublish = await api.CoordinatorClient().PostAsJsonAsync(EventRequests.Path, EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        using var coordinatorEdit = await api.CoordinatorClient().PatchAsync(created.Id(), new { title = "Runder Tisch Gesundheit" }, version: 1);

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, cancel.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Created, coordinatorPublish.StatusCode);
        Assert.Equal(HttpStatusCode.OK, coordinatorEdit.StatusCode);
    }

    [Fact]
    public async Task Members_only_events_do_not_exist_for_the_public()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["visibility"] = "members"));

        using var anonymous = await api.AnonymousClient().GetAsync($"{EventRequests.Path}/{created.Id()}");
        using var withoutOrganisation = await api.MemberOf().GetAsync($"{EventRequests.Path}/{created.Id()}");
        using var registerWithout = await api.MemberOf().RegisterAsync(created.Id());
        using var member = await api.MemberOf(await api.VerifiedOrganisationAsync()).GetAsync($"{EventRequests.Path}/{created.Id()}");
        var publicList = await api.AnonymousClient().GetStringAsync($"{EventRequests.Path}?organiserOrganisationId={organiser}");

        Assert.Equal(HttpStatusCode.NotFound, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, withoutOrganisation.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, registerWithout.StatusCode);
        Assert.Equal(HttpStatusCode.OK, member.StatusCode);
        Assert.DoesNotContain(created.Id().ToString(), publicList);
    }

    [Theory]
    [InlineData("pending")]
    [InlineData("suspended")]
    [InlineData("rejected")]
    public async Task Members_of_an_organisation_that_is_not_verified_are_not_members_of_the_network(string status)
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["visibility"] = "members"));
        var unverified = await api.OrganisationInStatusAsync(status);
        var member = api.MemberOf(unverified);

        using var read = await member.GetAsync($"{EventRequests.Path}/{created.Id()}");
        var list = await member.GetStringAsync($"{EventRequests.Path}?organiserOrganisationId={organiser}");
        using var publish = await member.PostAsJsonAsync(EventRequests.Path, EventRequests.Draft(unverified, api.Clock.GetUtcNow()));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain(created.Id().ToString(), list);
        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
    }

    [Fact]
    public async Task A_suspended_organiser_loses_its_rights_over_its_events_and_gets_them_back_when_reinstated()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["visibility"] = "members"));

        await api.ChangeOrganisationStatusAsync(organiser, "suspended", api.Clock.GetUtcNow().AddMinutes(1));
        using var whileSuspended = await client.PatchAsync(created.Id(), new { title = "Runder Tisch Gesundheit" }, version: 1);
        using var readWhileSuspended = await client.GetAsync($"{EventRequests.Path}/{created.Id()}");
        var listWhileSuspended = await client.GetStringAsync($"{EventRequests.Path}?organiserOrganisationId={organiser}");
        // A verification that happened before the suspension, delivered late, changes nothing.
        await api.ChangeOrganisationStatusAsync(organiser, "verified", api.Clock.GetUtcNow());
        using var afterLateVerification = await client.PatchAsync(created.Id(), new { title = "Runder Tisch Gesundheit" }, version: 1);
        await api.ChangeOrganisationStatusAsync(organiser, "reinstated", api.Clock.GetUtcNow().AddMinutes(2));
        using var reinstated = await client.PatchAsync(created.Id(), new { title = "Runder Tisch Gesundheit" }, version: 1);

        // Members-only, and they are members of the network no more: the event is not there for them.
        Assert.Equal(HttpStatusCode.NotFound, whileSuspended.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, readWhileSuspended.StatusCode);
        Assert.DoesNotContain(created.Id().ToString(), listWhileSuspended);
        Assert.Equal(HttpStatusCode.NotFound, afterLateVerification.StatusCode);
        Assert.Equal(HttpStatusCode.OK, reinstated.StatusCode);
    }

    [Fact]
    public async Task A_registration_is_cancelled_by_its_registrant_or_the_organiser_and_nobody_else()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var first = await api.MemberOf().RegisteredAsync(created.Id());
        var second = await api.MemberOf().RegisteredAsync(created.Id());

        using var byStranger = await api.MemberOf().DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{first.Id()}");
        using var byOrganiser = await organiserClient.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{second.Id()}");
        using var certificate = await api.MemberOf().GetAsync($"/api/events/registrations/{first.Id()}/certificate");

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byOrganiser.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, certificate.StatusCode);
    }

    [Fact]
    public async Task Statistics_are_for_coordinators()
    {
        using var member = await api.MemberOf(Guid.NewGuid()).GetAsync("/api/events/statistics");
        using var coordinator = await api.CoordinatorClient().GetAsync("/api/events/statistics");

        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);
        Assert.Equal(HttpStatusCode.OK, coordinator.StatusCode);
    }

    [Fact]
    public async Task The_api_document_describes_the_events_endpoints()
    {
        var document = await api.AnonymousClient().GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/events/events/{id}/registrations", document);
        Assert.Contains("/api/events/certificates/{number}", document);
        Assert.Contains("/api/events/statistics", document);
        // The list and the feed bind their filters from one record: the parameters keep the API's names.
        var paths = JsonDocument.Parse(document).RootElement.GetProperty("paths");
        foreach (var path in new[] { "/api/events/events", "/api/events/calendar.ics" })
        {
            var names = paths.GetProperty(path).GetProperty("get").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString());
            Assert.Superset(new HashSet<string?> { "from", "to", "kind", "topic", "region", "organiserOrganisationId", "query", "language" }, names.ToHashSet());
        }
    }
}
