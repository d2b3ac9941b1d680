using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

public sealed class Refusing_bad_events(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    public static TheoryData<string, string> BadEvents => new()
    {
        { "end_before_start", "sessions[0].endsAt" },
        { "capacity_zero", "capacity" },
        { "capacity_negative", "capacity" },
        { "deadline_after_first_session", "registrationDeadline" },
        { "a_thousand_sessions", "sessions" },
        { "unknown_topic", "topics" },
        { "unknown_region", "regions" },
        { "unknown_language", "languages" },
        { "online_without_link", "sessions[0].url" },
        { "time_that_does_not_exist", "sessions[0].startsAt" },
        { "certificate_needs_more_sessions_than_there_are", "certificateMinSessions" },
        { "no_sessions", "sessions" },
        { "title_with_control_characters", "title" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task Bad_input_is_a_400_naming_the_field_and_nothing_is_stored(string fault, string field)
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var now = api.Clock.GetUtcNow();
        var draft = EventRequests.Draft(organiser, now, change: d =>
        {
            var session = ((List<Dictionary<string, object?>>)d["sessions"]!)[0];
            switch (fault)
            {
                case "end_before_start":
                    session["endsAt"] = EventRequests.Iso(now.AddDays(7).AddHours(-1));
                    break;
                case "capacity_zero":
                    d["capacity"] = 0;
                    break;
                case "capacity_negative":
                    d["capacity"] = -5;
                    break;
                case "deadline_after_first_session":
                    d["registrationDeadline"] = EventRequests.Iso(now.AddDays(7).AddHours(1));
                    break;
                case "a_thousand_sessions":
                    d["sessions"] = Enumerable.Range(0, 1000).Select(i => EventRequests.Session(now.AddDays(7).AddHours(3 * i))).ToList();
                    break;
                case "unknown_topic":
                    d["topics"] = new[] { "astrology" };
                    break;
                case "unknown_region":
                    d["regions"] = new[] { "atlantis" };
                    break;
                case "unknown_language":
                    d["languages"] = new[] { "klingon" };
                    break;
                case "online_without_link":
                    session["online"] = true;
                    session["url"] = null;
                    break;
                case "time_that_does_not_exist":
                    session["startsAt"] = "2027-03-28T02:30";
                    session["endsAt"] = "2027-03-28T04:00";
                    d["registrationDeadline"] = "2027-03-20T12:00";
                    break;
                case "certificate_needs_more_sessions_than_there_are":
                    d["certificateMinSessions"] = 2;
                    break;
                case "no_sessions":
                    d["sessions"] = Array.Empty<object>();
                    break;
                case "title_with_control_characters":
                    d["title"] = "Runder\u0000Tisch";
                    break;
            }
        });

        using var response = await api.MemberOf(organiser).PostAsJsonAsync(EventRequests.Path, draft);

        Assert.Contains(field, await response.ProblemFieldsAsync());
        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM events WHERE organiser_organisation_id = @organiser", new { organiser }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE strpos(body::text, @organiser) > 0", new { organiser = organiser.ToString() }));
    }

    [Theory]
    [InlineData("kind", "party")]
    [InlineData("visibility", "secret")]
    [InlineData("capacity", "zwanzig")]
    public async Task Unknown_choices_and_wrong_types_are_a_400_naming_the_field(string field, string value)
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var draft = EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d[field] = value);

        using var response = await api.MemberOf(organiser).PostAsJsonAsync(EventRequests.Path, draft);

        Assert.Contains(field, await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Unknown_filters_of_the_list_are_a_400()
    {
        using var response = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?topic=astrology&kind=party&from=gestern&limit=1000");

        Assert.Equal(["from", "kind", "limit", "topic"], (await response.ProblemFieldsAsync()).Order());
    }

    [Fact]
    public async Task The_list_and_the_feed_refuse_the_same_filters_in_the_same_words()
    {
        const string filters = "from=gestern&kind=party&topic=astrology&region=mars&language=xx&query=a+b+c+d+e+f+g+h+i+j+k";

        using var list = await api.AnonymousClient().GetAsync($"{EventRequests.Path}?{filters}");
        using var feed = await api.AnonymousClient().GetAsync($"/api/events/calendar.ics?{filters}");

        Assert.Equal(["from", "kind", "language", "query", "region", "topic"], (await list.ProblemFieldsAsync()).Order());
        var (listProblem, feedProblem) = (await list.Content.ReadFromJsonAsync<JsonElement>(), await feed.Content.ReadFromJsonAsync<JsonElement>());
        Assert.Equal(listProblem.GetProperty("errors").GetRawText(), feedProblem.GetProperty("errors").GetRawText());
        Assert.Equal(
            ("The list could not be read.", "The calendar could not be made."),
            (listProblem.GetProperty("title").GetString(), feedProblem.GetProperty("title").GetString()));
    }

    [Theory]
    [InlineData("/api/events/events?from=0001-01-01", "from")]
    [InlineData("/api/events/events?to=0001-01-01T00:30", "to")]
    [InlineData("/api/events/calendar.ics?from=0001-01-01", "from")]
    [InlineData("/api/events/calendar.ics?to=9999-12-31", "to")]
    public async Task Times_outside_the_years_2000_to_2200_are_a_400_not_a_500(string query, string field)
    {
        using var response = await api.AnonymousClient().GetAsync(query);

        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Statistics_and_event_bodies_refuse_times_outside_the_years_2000_to_2200()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var draft = EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d =>
        {
            d["registrationDeadline"] = "0001-01-01T00:00";
            var session = ((List<Dictionary<string, object?>>)d["sessions"]!)[0];
            session["startsAt"] = "0001-01-01T09:00";
            session["endsAt"] = "0001-01-01T00:00:00+01:00";
        });

        using var statistics = await api.CoordinatorClient().GetAsync("/api/events/statistics?from=0001-01-01&to=2027-01-01");
        using var create = await api.MemberOf(organiser).PostAsJsonAsync(EventRequests.Path, draft);

        Assert.Equal(["from"], await statistics.ProblemFieldsAsync());
        Assert.Equal(["registrationDeadline", "sessions[0].endsAt", "sessions[0].startsAt"], (await create.ProblemFieldsAsync()).Order());
    }

    [Fact]
    public async Task A_broken_edit_leaves_the_event_as_it_was()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        using var response = await client.PatchAsync(created.Id(), new { title = "No", capacity = 0 }, version: 1);
        var read = await client.GetEventAsync(created.Id());

        Assert.Equal(["capacity", "title"], (await response.ProblemFieldsAsync()).Order());
        Assert.Equal(created.GetProperty("title").GetString(), read.GetProperty("title").GetString());
        Assert.Equal(1, read.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task Bad_registrations_and_feedback_are_400s()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        using var sessionsOfAWorkshop = await api.MemberOf().RegisterAsync(created.Id(), new { sessionIds = created.SessionIds() });
        using var unknownField = await api.MemberOf().RegisterAsync(created.Id(), new { seat = 4 });

        Assert.Equal(["sessionIds"], await sessionsOfAWorkshop.ProblemFieldsAsync());
        Assert.Equal(["seat"], await unknownField.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.BadRequest, unknownField.StatusCode);
    }
}
