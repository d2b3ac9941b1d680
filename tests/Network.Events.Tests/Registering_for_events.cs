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
        var organiser = await api.VerifiedOrganisationAsync();
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
    public async Task Cancellations_racing_registrations_and_promotions_never_exceed_capacity()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 10));
        var holders = new List<(HttpClient Client, Guid Registration)>();
        for (var i = 0; i < 20; i++)
        {
            var client = api.MemberOf();
            holders.Add((client, (await client.RegisteredAsync(created.Id())).Id()));
        }

        // Ten confirmed cancel (each promoting someone) while twenty newcomers register, all at once.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelling = holders.Take(10).Select(async holder =>
        {
            await gate.Task;
            using var response = await holder.Client.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holder.Registration}");
            return response.StatusCode;
        });
        var registering = Enumerable.Range(0, 20).Select(async _ =>
        {
            await gate.Task;
            using var response = await api.MemberOf().RegisterAsync(created.Id());
            return response.StatusCode;
        });
        var all = cancelling.Concat(registering).ToList();
        gate.SetResult();
        var statuses = await Task.WhenAll(all);

        Assert.Equal(10, statuses.Count(status => status == HttpStatusCode.NoContent));
        Assert.Equal(20, statuses.Count(status => status == HttpStatusCode.Created));
        await using var connection = await api.OpenConnectionAsync();
        var counts = (await connection.QueryAsync<(string Status, int Count)>(
            "SELECT status, count(*)::int FROM registrations WHERE event_id = @id GROUP BY status", new { id = created.Id() })).ToDictionary(r => r.Status, r => r.Count);
        Assert.Equal(10, counts["confirmed"]);
        Assert.Equal(10, counts["cancelled"]);
        Assert.Equal(20, counts["waitlisted"]);
        // The ten who waited first are the ones who moved up.
        var promoted = await connection.QueryAsync<Guid>(
            "SELECT id FROM registrations WHERE event_id = @id AND status = 'confirmed' ORDER BY sequence", new { id = created.Id() });
        Assert.Equal(holders.Skip(10).Select(h => h.Registration), promoted);
    }

    [Fact]
    public async Task A_second_registration_by_the_same_person_is_a_conflict()
    {
        var organiser = await api.VerifiedOrganisationAsync();
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
        var organiser = await api.VerifiedOrganisationAsync();
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
        var organiser = await api.VerifiedOrganisationAsync();
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
        var mine = (await secondWaitingClient.GetFromJsonAsync<JsonElement>("/api/events/me/registrations")).GetProperty("items")[0];
        Assert.Equal(1, mine.GetProperty("waitlistPosition").GetInt32());
        // Cancelling again is done already: no second event.
        using var again = await holder.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holding.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Single(await api.OutboxAsync<RegistrationCancelled>(holding.Id()));
    }

    [Fact]
    public async Task Once_the_first_session_has_begun_a_cancellation_is_refused_and_nobody_is_promoted_into_it()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 2, change: d => d["capacity"] = 1));
        var holder = api.MemberOf();
        var holding = await holder.RegisteredAsync(created.Id());
        var waiting = await api.MemberOf().RegisteredAsync(created.Id());

        // The first session starts seven days ahead; the second a week later.
        api.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        using var byRegistrant = await holder.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holding.Id()}");
        using var byOrganiser = await organiserClient.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holding.Id()}");
        using var raised = await organiserClient.PatchAsync(created.Id(), new { capacity = 5 }, version: 1);

        Assert.Equal(HttpStatusCode.Conflict, byRegistrant.StatusCode);
        Assert.Equal("The event has begun.", (await byRegistrant.JsonAsync()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.Conflict, byOrganiser.StatusCode);
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Empty(await api.OutboxAsync<RegistrationCancelled>(holding.Id()));
        Assert.Empty(await api.OutboxAsync<WaitlistPromoted>(waiting.Id()));
        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal("confirmed", await connection.ExecuteScalarAsync<string>("SELECT status FROM registrations WHERE id = @id", new { id = holding.Id() }));
        Assert.Equal("waitlisted", await connection.ExecuteScalarAsync<string>("SELECT status FROM registrations WHERE id = @id", new { id = waiting.Id() }));
    }

    [Fact]
    public async Task My_registrations_come_a_page_at_a_time_with_their_waitlist_positions()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var person = api.MemberOf();
        var expected = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
            await api.MemberOf().RegisteredAsync(created.Id());
            expected.Insert(0, (await person.RegisteredAsync(created.Id())).Id());
            api.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await person.GetFromJsonAsync<JsonElement>("/api/events/me/registrations?limit=2");
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await person.GetFromJsonAsync<JsonElement>($"/api/events/me/registrations?limit=2&cursor={cursor}");
        using var badCursor = await person.GetAsync("/api/events/me/registrations?cursor=nicht-von-uns");

        var items = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(expected, items.Select(item => item.Id()));
        Assert.All(items, item => Assert.Equal(1, item.GetProperty("waitlistPosition").GetInt32()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal(["cursor"], await badCursor.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Registration_closes_at_the_deadline()
    {
        var organiser = await api.VerifiedOrganisationAsync();
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
        var organiser = await api.VerifiedOrganisationAsync();
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
    public async Task Choosing_fewer_modules_than_a_certificate_needs_is_allowed_and_says_no_certificate_is_possible()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 5, change: d => d["certificateMinSessions"] = 4));
        var sessions = created.SessionIds();

        var three = await api.MemberOf().RegisteredAsync(created.Id(), new { sessionIds = sessions.Take(3) });
        var four = await api.MemberOf().RegisteredAsync(created.Id(), new { sessionIds = sessions.Take(4) });
        var whole = await api.MemberOf().RegisteredAsync(created.Id());

        Assert.False(three.GetProperty("certificatePossible").GetBoolean());
        Assert.True(four.GetProperty("certificatePossible").GetBoolean());
        Assert.True(whole.GetProperty("certificatePossible").GetBoolean());
    }

    [Fact]
    public async Task The_organiser_sees_every_registration_and_exports_them_as_csv()
    {
        var organiser = await api.VerifiedOrganisationAsync();
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

        Assert.Equal(["confirmed", "waitlisted"], list.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
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
    public async Task The_organisers_list_comes_a_page_at_a_time_in_registration_order_with_waitlist_positions()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        var registered = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            registered.Add((await api.MemberOf().RegisteredAsync(created.Id())).Id());
        }

        var path = $"{EventRequests.Path}/{created.Id()}/registrations";
        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await organiserClient.GetFromJsonAsync<JsonElement>($"{path}?limit=2{(cursor is null ? "" : $"&cursor={cursor}")}");
            pages.Add(page);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        var items = pages.SelectMany(page => page.GetProperty("items").EnumerateArray()).ToList();
        Assert.Equal(3, pages.Count);
        Assert.Equal(registered, items.Select(item => item.Id()));
        Assert.Equal([null, 1, 2, 3, 4], items.Select(item => item.GetProperty("waitlistPosition").ValueKind == JsonValueKind.Null ? (int?)null : item.GetProperty("waitlistPosition").GetInt32()));
    }

    [Fact]
    public async Task Participants_see_the_confirmed_organisations_but_never_who_waits()
    {
        var organiser = await api.VerifiedOrganisationAsync();
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
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        using var response = await api.MemberOf().RegisterAsync(created.Id(), new { organisationId = Guid.NewGuid() });

        Assert.Equal(["organisationId"], await response.ProblemFieldsAsync());
    }
}
