using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Contracts.Events;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

public sealed class Publishing_and_changing_events(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task A_published_event_shows_its_places_and_is_announced()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);

        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 2));
        var read = await api.AnonymousClient().GetEventAsync(created.Id());

        Assert.Equal("training_series", read.GetProperty("kind").GetString());
        Assert.Equal(20, read.GetProperty("placesLeft").GetInt32());
        Assert.Equal(0, read.GetProperty("waitlistLength").GetInt32());
        Assert.Equal(2, read.GetProperty("sessions").GetArrayLength());
        Assert.Equal($"https://network.example/veranstaltungen/{created.Id()}", read.GetProperty("link").GetString());
        var published = JsonDocument.Parse(Assert.Single(await api.OutboxAsync<EventPublished>(created.Id()))).RootElement;
        Assert.Equal("public", published.GetProperty("visibility").GetString());
        Assert.Equal(organiser, published.GetProperty("organiserOrganisationId").GetGuid());
    }

    [Fact]
    public async Task Sessions_across_the_changes_of_summer_time_are_stored_in_utc_and_shown_in_berlin_time()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var draft = EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d =>
        {
            d["kind"] = "training_series";
            d["sessions"] = new[]
            {
                // Wall-clock times, without an offset: 09:00 in Berlin on both days of a change.
                new Dictionary<string, object?> { ["title"] = "Frühling", ["startsAt"] = "2027-03-28T09:00", ["endsAt"] = "2027-03-28T11:00", ["online"] = true, ["url"] = "https://meet.example/a" },
                new Dictionary<string, object?> { ["title"] = "Herbst", ["startsAt"] = "2027-10-31T09:00", ["endsAt"] = "2027-10-31T11:00", ["online"] = false },
            };
            d["registrationDeadline"] = "2027-03-20T23:59";
        });

        var created = await api.MemberOf(organiser).CreateAsync(draft);

        var sessions = created.GetProperty("sessions").EnumerateArray().ToList();
        Assert.Equal("2027-03-28T09:00:00+02:00", sessions[0].GetProperty("startsAt").GetString());
        Assert.Equal("2027-10-31T09:00:00+01:00", sessions[1].GetProperty("startsAt").GetString());
        Assert.True(sessions[1].GetProperty("placeToBeAnnounced").GetBoolean());
        await using var connection = await api.OpenConnectionAsync();
        var stored = (await connection.QueryAsync<DateTime>(
            "SELECT starts_at FROM sessions WHERE event_id = @id ORDER BY position", new { id = created.Id() })).ToList();
        Assert.Equal([new DateTime(2027, 3, 28, 7, 0, 0, DateTimeKind.Utc), new DateTime(2027, 10, 31, 8, 0, 0, DateTimeKind.Utc)], stored);
    }

    [Fact]
    public async Task The_online_link_is_for_confirmed_registrants_and_the_organiser_only()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d =>
        {
            d["sessions"] = new[] { EventRequests.Session(api.Clock.GetUtcNow().AddDays(7), online: true) };
            d["capacity"] = 1;
        }));
        var confirmed = api.MemberOf();
        var waiting = api.MemberOf();
        await confirmed.RegisteredAsync(created.Id());
        await waiting.RegisteredAsync(created.Id());

        string? Link(JsonElement e) => e.GetProperty("sessions")[0].GetProperty("url").GetString();

        Assert.Equal("https://meet.example/raum-7", Link(created));
        Assert.Equal("https://meet.example/raum-7", Link(await confirmed.GetEventAsync(created.Id())));
        Assert.Null(Link(await waiting.GetEventAsync(created.Id())));
        Assert.Null(Link(await api.AnonymousClient().GetEventAsync(created.Id())));
    }

    [Fact]
    public async Task Moving_a_session_tells_every_registrant_and_a_new_title_does_not_count_as_a_move()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        await api.ClientFor(first).RegisteredAsync(created.Id());
        await api.ClientFor(second).RegisteredAsync(created.Id());

        using var retitled = await organiserClient.PatchAsync(created.Id(), new { title = "Migrationsrecht kompakt" }, version: 1);
        Assert.Equal(HttpStatusCode.OK, retitled.StatusCode);
        var session = created.GetProperty("sessions")[0];
        var moved = EventRequests.Session(api.Clock.GetUtcNow().AddDays(8));
        moved["id"] = session.GetProperty("id").GetGuid();
        using var move = await organiserClient.PatchAsync(created.Id(), new { sessions = new[] { moved } }, version: 2);

        Assert.Equal(HttpStatusCode.OK, move.StatusCode);
        Assert.Equal("\"3\"", move.Headers.ETag?.Tag);
        var updates = (await api.OutboxAsync<EventUpdated>(created.Id())).Select(body => JsonDocument.Parse(body).RootElement).ToList();
        Assert.Equal(2, updates.Count);
        Assert.False(updates[0].GetProperty("timeOrPlaceChanged").GetBoolean());
        Assert.True(updates[1].GetProperty("timeOrPlaceChanged").GetBoolean());
        var told = updates[1].GetProperty("registrantAccountIds").EnumerateArray().Select(id => id.GetGuid()).ToHashSet();
        Assert.Equal(new HashSet<Guid> { first, second }, told);
    }

    [Fact]
    public async Task An_edit_needs_the_current_version()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        using var missing = await client.PatchAsJsonAsync($"{EventRequests.Path}/{created.Id()}", new { title = "Ohne Version" });
        using var first = await client.PatchAsync(created.Id(), new { title = "Erste Änderung" }, version: 1);
        using var stale = await client.PatchAsync(created.Id(), new { title = "Zweite Änderung" }, version: 1);

        Assert.Equal(HttpStatusCode.PreconditionRequired, missing.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Raising_the_capacity_promotes_from_the_waitlist_and_lowering_it_below_the_confirmed_is_refused()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        await api.MemberOf().RegisteredAsync(created.Id());
        var waiting = await api.MemberOf().RegisteredAsync(created.Id());

        using var raise = await client.PatchAsync(created.Id(), new { capacity = 2 }, version: 1);
        using var tooLow = await client.PatchAsync(created.Id(), new { capacity = 1 }, version: 2);

        Assert.Equal(HttpStatusCode.OK, raise.StatusCode);
        Assert.Equal(0, (await raise.JsonAsync()).GetProperty("waitlistLength").GetInt32());
        Assert.Single(await api.OutboxAsync<WaitlistPromoted>(waiting.Id()));
        Assert.Equal(["capacity"], await tooLow.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Cancelling_tells_every_registrant_once_and_closes_registration()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var registrant = Guid.NewGuid();
        await api.ClientFor(registrant).RegisteredAsync(created.Id());

        using var cancel = await client.PostAsJsonAsync($"{EventRequests.Path}/{created.Id()}/cancellation", new { reason = "Die Referentin ist erkrankt." });
        using var again = await client.PostAsJsonAsync($"{EventRequests.Path}/{created.Id()}/cancellation", new { reason = "Nochmal." });
        using var late = await api.MemberOf().RegisterAsync(created.Id());

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.Equal("cancelled", (await cancel.JsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        var cancelled = JsonDocument.Parse(Assert.Single(await api.OutboxAsync<EventCancelled>(created.Id()))).RootElement;
        Assert.Equal([registrant], cancelled.GetProperty("registrantAccountIds").EnumerateArray().Select(id => id.GetGuid()));
    }

    [Fact]
    public async Task The_list_filters_by_kind_topic_region_and_time_and_pages()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var now = api.Clock.GetUtcNow();
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            var offset = i;
            ids.Add((await client.CreateAsync(EventRequests.Draft(organiser, now.AddDays(offset), change: d => d["kind"] = "round_table"))).Id());
        }

        var other = await client.CreateAsync(EventRequests.Draft(organiser, now, change: d => d["regions"] = new[] { "dessau_rosslau" }));
        var query = $"organiserOrganisationId={organiser}&kind=round_table&region=berlin&limit=2";

        using var firstPage = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?{query}");
        var first = await firstPage.JsonAsync();
        using var secondPage = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?{query}&cursor={first.GetProperty("nextCursor").GetString()}");
        var second = await secondPage.JsonAsync();
        using var dessau = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?organiserOrganisationId={organiser}&region=dessau_rosslau");
        using var later = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?organiserOrganisationId={organiser}&from={Uri.EscapeDataString(EventRequests.Iso(now.AddDays(9)))}");

        Assert.Equal(ids, first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(e => e.Id()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
        Assert.Equal([other.Id()], (await dessau.JsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.Id()));
        Assert.Equal([ids[2]], (await later.JsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.Id()));
    }

    [Fact]
    public async Task The_list_and_the_feed_find_events_by_their_words_and_languages()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var now = api.Clock.GetUtcNow();
        var word = "Elternabend" + Guid.NewGuid().ToString("N")[..6];
        var arabic = await client.CreateAsync(EventRequests.Draft(organiser, now, change: d =>
        {
            d["title"] = $"{word} zur Schule";
            d["languages"] = new[] { "ar", "de" };
        }));
        var german = await client.CreateAsync(EventRequests.Draft(organiser, now, change: d => d["description"] = $"Ein {word.ToLowerInvariant()} für alle, 100% offen."));
        await client.CreateAsync(EventRequests.Draft(organiser, now));

        async Task<IReadOnlyList<Guid>> FoundAsync(string query)
        {
            using var response = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?organiserOrganisationId={organiser}&{query}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("items").EnumerateArray().Select(e => e.Id()).ToList();
        }

        Assert.Equal(new[] { arabic.Id(), german.Id() }.Order(), (await FoundAsync($"query={word}")).Order());
        Assert.Equal([arabic.Id()], await FoundAsync($"query={Uri.EscapeDataString(word + " Schule")}"));
        Assert.Equal([arabic.Id()], await FoundAsync($"query={word}&language=ar"));
        // Pattern characters are words like any other, not wildcards.
        Assert.Equal([german.Id()], await FoundAsync($"query={Uri.EscapeDataString("100%")}"));
        Assert.Empty(await FoundAsync($"query={Uri.EscapeDataString("_")}"));
        using var unknown = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?language=xx-klingon");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.True((await unknown.JsonAsync()).GetProperty("errors").TryGetProperty("language", out _));
        using var feed = await api.AnonymousClient().GetAsync($"/api/events/calendar.ics?organiserOrganisationId={organiser}&query={word}&language=ar");
        var calendar = await feed.Content.ReadAsStringAsync();
        Assert.Contains($"{word} zur Schule", calendar);
        Assert.Equal(1, calendar.Split("BEGIN:VEVENT").Length - 1);
    }
}
