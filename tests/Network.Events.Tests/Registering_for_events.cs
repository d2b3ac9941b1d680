using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Network.Contracts.Events;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

public sealed class Registering_for_events(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task Two_hundred_simultaneous_registrations_for_twenty_places_confirm_twenty_and_waitlist_the_rest_in_order()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var clients = Enumerable.Range(0, 200).Select(_ => api.MemberOf()).ToList();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = clients.Select(async client =>
        {
            // Every request waits at the gate, so all 200 reach the service together.
            await gate.Task;
            using var response = await client.RegisterAsync(created.Id());
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return await response.JsonAsync();
        }).ToList();

        gate.SetResult();
        var registrations = await Task.WhenAll(sending);

        Assert.Equal(200, registrations.Length);
        Assert.Equal(20, registrations.Count(r => r.GetProperty("status").GetString() == "confirmed"));
        var positions = registrations
            .Where(r => r.GetProperty("status").GetString() == "waitlisted")
            .Select(r => r.GetProperty("waitlistPosition").GetInt32())
            .Order()
            .ToList();
        Assert.Equal(Enumerable.Range(1, 180).ToList(), positions);
        var read = await api.AnonymousClient().GetEventAsync(created.Id());
        Assert.Equal(0, read.GetProperty("placesLeft").GetInt32());
        Assert.Equal(180, read.GetProperty("waitlistLength").GetInt32());
        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal(20, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM registrations WHERE event_id = @id AND status = 'confirmed'", new { id = created.Id() }));
    }

    [Fact]
    public async Task A_second_registration_by_the_same_person_is_a_conflict()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var person = api.MemberOf();

        await person.RegisteredAsync(created.Id());
        using var again = await person.RegisterAsync(created.Id());

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(19, (await person.GetEventAsync(created.Id())).GetProperty("placesLeft").GetInt32());
    }

    [Fact]
    public async Task The_same_person_registering_twice_at_once_gets_one_registration()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var person = Guid.NewGuid();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var sending = Enumerable.Range(0, 5).Select(async _ =>
        {
            await gate.Task;
            using var response = await api.ClientFor(person).RegisterAsync(created.Id());
            return response.StatusCode;
        }).ToList();

        gate.SetResult();
        var statuses = await Task.WhenAll(sending);

        Assert.Equal(1, statuses.Count(status => status == HttpStatusCode.Created));
        Assert.Equal(4, statuses.Count(status => status == HttpStatusCode.Conflict));
    }

    [Fact]
    public async Task A_cancellation_promotes_the_first_on_the_waitlist_who_is_told()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        var holder = api.MemberOf();
        var holding = await holder.RegisteredAsync(created.Id());
        var firstWaiting = await api.MemberOf().RegisteredAsync(created.Id());
        var secondWaitingClient = api.MemberOf();
        var secondWaiting = await secondWaitingClient.RegisteredAsync(created.Id());
        Assert.Equal(1, firstWaiting.GetProperty("waitlistPosition").GetInt32());
        Assert.Equal(2, secondWaiting.GetProperty("waitlistPosition").GetInt32());

        using var cancel = await holder.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holding.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, cancel.StatusCode);
        Assert.Single(await api.OutboxAsync<RegistrationCancelled>(holding.Id()));
        var promoted = JsonDocument.Parse(Assert.Single(await api.OutboxAsync<WaitlistPromoted>(firstWaiting.Id()))).RootElement;
        Assert.Equal(created.Id(), promoted.GetProperty("eventId").GetGuid());
        Assert.Empty(await api.OutboxAsync<WaitlistPromoted>(secondWaiting.Id()));
        var mine = (await secondWaitingClient.GetFromJsonAsync<JsonElement>("/api/events/me/registrations"))[0];
        Assert.Equal(1, mine.GetProperty("waitlistPosition").GetInt32());
        // Cancelling again is done already: no second event.
        using var again = await holder.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holding.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Single(await api.OutboxAsync<RegistrationCancelled>(holding.Id()));
    }

    [Fact]
    public async Task Registration_closes_at_the_deadline()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["registrationDeadline"] = EventRequests.Iso(api.Clock.GetUtcNow().AddHours(1))));
        var inTime = api.MemberOf();
        await inTime.RegisteredAsync(created.Id());

        api.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        using var late = await api.MemberOf().RegisterAsync(created.Id());

        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("closed", (await late.JsonAsync()).GetProperty("title").GetString());
        Assert.False((await inTime.GetEventAsync(created.Id())).GetProperty("registrationOpen").GetBoolean());
    }

    [Fact]
    public async Task Modules_of_a_series_can_be_chosen_and_places_count_per_module()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 3, change: d => d["capacity"] = 1));
        var sessions = created.SessionIds();

        var onlyFirst = await api.MemberOf().RegisteredAsync(created.Id(), new { sessionIds = new[] { sessions[0] } });
        var onlySecond = await api.MemberOf().RegisteredAsync(created.Id(), new { sessionIds = new[] { sessions[1] } });
        var whole = await api.MemberOf().RegisteredAsync(created.Id());
        using var foreign = await api.MemberOf().RegisterAsync(created.Id(), new { sessionIds = new[] { Guid.NewGuid() } });

        Assert.Equal("confirmed", onlyFirst.GetProperty("status").GetString());
        Assert.Equal("confirmed", onlySecond.GetProperty("status").GetString());
        Assert.Equal("waitlisted", whole.GetProperty("status").GetString());
        Assert.Equal(["sessionIds"], await foreign.ProblemFieldsAsync());
    }

    [Fact]
    public async Task The_organiser_sees_every_registration_and_exports_them_as_csv()
    {
        var organiser = Guid.NewGuid();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        await api.MemberOf().RegisteredAsync(created.Id(), new { participantName = "Nguyễn, Thị \"Lan\"" });
        await api.MemberOf().RegisteredAsync(created.Id(), new { participantName = "=HYPERLINK(\"x\")" });

        var list = await organiserClient.GetFromJsonAsync<JsonElement>($"{EventRequests.Path}/{created.Id()}/registrations");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{EventRequests.Path}/{created.Id()}/registrations");
        request.Headers.Accept.ParseAdd("text/csv");
        using var csv = await organiserClient.SendAsync(request);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync()).TrimStart('\uFEFF');
        using var byPath = await organiserClient.GetAsync($"{EventRequests.Path}/{created.Id()}/registrations.csv");

        Assert.Equal(["confirmed", "waitlisted"], list.EnumerateArray().Select(r => r.GetProperty("status").GetString()));
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("id,participantName,", lines[0]);
        Assert.Contains("\"Nguyễn, Thị \"\"Lan\"\"\",", lines[1]);
        Assert.Contains(",confirmed,", lines[1]);
        Assert.Contains("\"'=HYPERLINK(\"\"x\"\")\"", lines[2]);
        Assert.Contains(",waitlisted,1,", lines[2]);
        Assert.Equal(HttpStatusCode.OK, byPath.StatusCode);
        Assert.Equal("text/csv", byPath.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Participants_see_the_confirmed_organisations_but_never_who_waits()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        var confirmedOrganisation = Guid.NewGuid();
        var waitingOrganisation = Guid.NewGuid();
        var confirmed = api.MemberOf(confirmedOrganisation);
        var waiting = api.MemberOf(waitingOrganisation);
        await confirmed.RegisteredAsync(created.Id(), new { organisationId = confirmedOrganisation });
        await waiting.RegisteredAsync(created.Id(), new { organisationId = waitingOrganisation });

        var seenByConfirmed = await confirmed.GetStringAsync($"{EventRequests.Path}/{created.Id()}/registrations");
        var seenByWaiting = await waiting.GetStringAsync($"{EventRequests.Path}/{created.Id()}/registrations");
        using var outsider = await api.MemberOf().GetAsync($"{EventRequests.Path}/{created.Id()}/registrations");

        Assert.Contains(confirmedOrganisation.ToString(), seenByConfirmed);
        Assert.DoesNotContain(waitingOrganisation.ToString(), seenByConfirmed);
        Assert.DoesNotContain(waitingOrganisation.ToString(), seenByWaiting);
        Assert.Equal(HttpStatusCode.Forbidden, outsider.StatusCode);
    }

    [Fact]
    public async Task Registering_for_an_organisation_one_is_not_a_member_of_is_refused()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        using var response = await api.MemberOf().RegisterAsync(created.Id(), new { organisationId = Guid.NewGuid() });

        Assert.Equal(["organisationId"], await response.ProblemFieldsAsync());
    }
}
