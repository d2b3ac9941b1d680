using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Contracts.Moderation;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

public sealed class Feedback_and_boards(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task Anonymous_feedback_stores_no_account_and_each_participant_gives_feedback_once()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var anonymousAccount = Guid.NewGuid();
        var anonymous = api.ClientFor(anonymousAccount);
        var named = api.MemberOf();
        await anonymous.RegisteredAsync(created.Id());
        await named.RegisteredAsync(created.Id(), new { participantName = "Fatma Demir" });
        var path = $"{EventRequests.Path}/{created.Id()}/feedback";

        using var tooEarly = await anonymous.PostAsJsonAsync(path, new { rating = 5, anonymous = true });
        api.Clock.Advance(TimeSpan.FromDays(8));
        using var given = await anonymous.PostAsJsonAsync(path, new { rating = 5, text = "Sehr hilfreich.", anonymous = true });
        using var twice = await anonymous.PostAsJsonAsync(path, new { rating = 1, anonymous = true });
        using var outOfRange = await named.PostAsJsonAsync(path, new { rating = 6, anonymous = false });
        using var namedGiven = await named.PostAsJsonAsync(path, new { rating = 3, text = "Zu kurz.", anonymous = false });
        using var stranger = await api.MemberOf().PostAsJsonAsync(path, new { rating = 4, anonymous = true });
        var summary = await organiserClient.GetFromJsonAsync<JsonElement>(path);

        Assert.Equal(HttpStatusCode.Conflict, tooEarly.StatusCode);
        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(["rating"], await outOfRange.ProblemFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, namedGiven.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(2, summary.GetProperty("count").GetInt32());
        Assert.Equal(4, summary.GetProperty("averageRating").GetDouble());
        var items = summary.GetProperty("items").EnumerateArray().ToList();
        Assert.Contains(items, item => item.GetProperty("participantName").GetString() == "Fatma Demir");
        Assert.Contains(items, item => item.GetProperty("anonymous").GetBoolean() && item.GetProperty("participantName").ValueKind == JsonValueKind.Null);
        await using var connection = await api.OpenConnectionAsync();
        var stored = (await connection.QueryAsync<Guid?>(
            "SELECT account_id FROM feedback WHERE event_id = @id AND anonymous", new { id = created.Id() })).ToList();
        Assert.Equal([null], stored);
        Assert.DoesNotContain(anonymousAccount.ToString(), await connection.ExecuteScalarAsync<string>(
            "SELECT string_agg(row_to_json(f)::text, ',') FROM feedback f WHERE event_id = @id", new { id = created.Id() }));
    }

    [Fact]
    public async Task Anonymous_feedback_cannot_be_linked_to_the_registration_through_its_transaction_id_or_time()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        var anonymous = api.MemberOf();
        var registration = await anonymous.RegisteredAsync(created.Id());
        api.Clock.Advance(TimeSpan.FromDays(8) + TimeSpan.FromMinutes(17));

        using var given = await anonymous.PostAsJsonAsync($"{EventRequests.Path}/{created.Id()}/feedback", new { rating = 4, anonymous = true });

        Assert.Equal(HttpStatusCode.Created, given.StatusCode);
        await using var connection = await api.OpenConnectionAsync();
        var (feedbackId, feedbackTransaction, createdAt) = await connection.QuerySingleAsync<(Guid, string, DateTime)>(
            "SELECT id, xmin::text, created_at FROM feedback WHERE event_id = @id", new { id = created.Id() });
        var markTransaction = await connection.ExecuteScalarAsync<string>("SELECT xmin::text FROM registrations WHERE id = @id", new { id = registration.Id() });
        Assert.NotEqual(markTransaction, feedbackTransaction);
        Assert.NotEqual(7, feedbackId.Version);
        Assert.Equal(TimeSpan.Zero, createdAt.TimeOfDay);
    }

    [Fact]
    public async Task A_round_table_board_takes_posts_anonymous_ones_without_author_and_coordinators_hide_them()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var created = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["kind"] = "round_table"));
        var participantAccount = Guid.NewGuid();
        var participant = api.ClientFor(participantAccount);
        await participant.RegisteredAsync(created.Id());
        var boardPath = $"{EventRequests.Path}/{created.Id()}/board";

        using var opened = await organiserClient.PostAsJsonAsync(boardPath, new { });
        var board = await opened.JsonAsync();
        var columns = board.GetProperty("columns").EnumerateArray().ToList();
        var ideas = columns[2].Id();
        using var undecided = await participant.PostAsJsonAsync($"{boardPath}/posts", new { columnId = ideas, text = "Ohne Angabe, ob anonym" });
        Assert.Equal(["anonymous"], await undecided.ProblemFieldsAsync());
        using var post = await participant.PostAsJsonAsync($"{boardPath}/posts", new { columnId = ideas, text = "Mehrsprachige Sprechstunden im Bürgeramt", anonymous = true });
        var postId = (await post.JsonAsync()).Id();
        using var outsiderRead = await api.MemberOf().GetAsync(boardPath);
        using var report = await participant.PostAsJsonAsync("/api/events/reports", new { contentType = "board_post", contentId = postId, reason = "Enthält einen Namen." });
        using var hide = await api.CoordinatorClient().PostAsJsonAsync("/api/events/moderation/decisions", new { contentType = "board_post", contentId = postId, decision = "hide", reason = "Persönliche Angaben." });
        var seenByParticipant = await participant.GetFromJsonAsync<JsonElement>(boardPath);
        var seenByOrganiser = await organiserClient.GetFromJsonAsync<JsonElement>(boardPath);

        Assert.Equal(HttpStatusCode.Created, opened.StatusCode);
        Assert.Equal(["Was gut läuft", "Herausforderungen", "Ideen"], columns.Select(c => c.GetProperty("title").GetString()));
        Assert.Equal(HttpStatusCode.Created, post.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, outsiderRead.StatusCode);
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        Assert.Equal(HttpStatusCode.Created, hide.StatusCode);
        Assert.Empty(seenByParticipant.GetProperty("columns")[2].GetProperty("posts").EnumerateArray());
        var hidden = Assert.Single(seenByOrganiser.GetProperty("columns")[2].GetProperty("posts").EnumerateArray());
        Assert.True(hidden.GetProperty("hidden").GetBoolean());
        Assert.Single(await api.OutboxAsync<ModerationDecisionRecorded>(postId));
        await using var connection = await api.OpenConnectionAsync();
        Assert.Null(await connection.ExecuteScalarAsync<Guid?>("SELECT author_account_id FROM board_posts WHERE id = @postId", new { postId }));
        // Neither a time-ordered id nor the moment of writing points back to who was on the board then.
        Assert.NotEqual(7, postId.Version);
        Assert.Equal(TimeSpan.Zero, (await connection.ExecuteScalarAsync<DateTime>("SELECT created_at FROM board_posts WHERE id = @postId", new { postId })).TimeOfDay);
    }

    [Fact]
    public async Task Boards_are_for_round_tables_and_a_hidden_event_leaves_the_public_list()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var organiserClient = api.MemberOf(organiser);
        var workshop = await organiserClient.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        using var board = await organiserClient.PostAsJsonAsync($"{EventRequests.Path}/{workshop.Id()}/board", new { });
        using var hide = await api.CoordinatorClient().PostAsJsonAsync("/api/events/moderation/decisions", new { contentType = "event", contentId = workshop.Id(), decision = "hide", reason = "Werbung." });
        using var publicRead = await api.AnonymousClient().GetAsync($"{EventRequests.Path}/{workshop.Id()}");
        var organiserRead = await organiserClient.GetEventAsync(workshop.Id());

        Assert.Equal(HttpStatusCode.Conflict, board.StatusCode);
        Assert.Equal(HttpStatusCode.Created, hide.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, publicRead.StatusCode);
        Assert.True(organiserRead.GetProperty("hidden").GetBoolean());
        Assert.Equal("Werbung.", organiserRead.GetProperty("hiddenReason").GetString());
    }
}
