using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests;

/// <summary>
/// Flow 3 of the design for organisation profiles: someone reports a profile, a coordinator finds
/// it in the queue and decides with a reason; the decision is audited and published.
/// </summary>
public sealed class Moderating_organisation_profiles(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private const string Coordinator = "koordination@directory.test";
    private const string CoordinatorPassword = "directory-test-password";

    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task A_reported_profile_is_queued_hidden_with_a_reason_audited_published_and_gone_from_the_directory()
    {
        var admin = await SignedUpWithIdAsync();
        var coordinator = await CoordinatorAsync();
        var registered = await client.SendAsync(HttpMethod.Post, "/api/directory/organisations", admin.Token, new
        {
            name = "Đồng Hành Lichtenberg e.V.",
            kind = "mso",
            description = "Vietnamesischsprachige Beratung und Begleitung.",
            regions = new[] { "berlin_lichtenberg" },
            topics = new[] { "health" },
            languages = new[] { "vi", "de" },
        });
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        var organisation = (await registered.ReadJsonAsync()).GetProperty("id").GetGuid();
        var verified = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{organisation}/verification", coordinator, new { decision = "verify", reason = "Satzung geprüft" });
        Assert.True(verified.IsSuccessStatusCode, $"verification answered {verified.StatusCode}");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/directory/organisations/{organisation}")).StatusCode);
        var reporter = await SignedUpAsync();

        var report = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", reporter, new
        {
            contentType = "organisation",
            contentId = organisation,
            reason = "Der Verein wirbt hier für ein kommerzielles Sprachinstitut.",
        });
        Assert.Equal(HttpStatusCode.Created, report.StatusCode);

        var queued = await QueueItemAsync(coordinator, organisation);
        Assert.NotNull(queued);
        Assert.Equal(("visible", "Đồng Hành Lichtenberg e.V."), (queued.Value.GetProperty("state").GetString(), queued.Value.GetProperty("title").GetString()));
        Assert.Equal(1, queued.Value.GetProperty("openReports").GetInt32());
        Assert.Equal(["Der Verein wirbt hier für ein kommerzielles Sprachinstitut."], queued.Value.GetProperty("reasons").EnumerateArray().Select(r => r.GetString()));

        const string reason = "Werbung für ein kommerzielles Angebot; bitte das Profil überarbeiten.";
        var decision = await DecideAsync(coordinator, organisation, "hide", reason);
        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        var decided = await decision.ReadJsonAsync();
        Assert.Equal(("hide", "hidden", reason), (decided.GetProperty("decision").GetString(), decided.GetProperty("state").GetString(), decided.GetProperty("reason").GetString()));

        var audit = await (await client.SendAsync(HttpMethod.Get, $"/api/directory/moderation/audit?contentType=organisation&contentId={organisation}", coordinator)).ReadJsonAsync();
        var entry = Assert.Single(audit.GetProperty("items").EnumerateArray());
        Assert.Equal(("hide", reason), (entry.GetProperty("decision").GetString(), entry.GetProperty("reason").GetString()));
        Assert.Equal(decided.GetProperty("id").GetGuid(), entry.GetProperty("id").GetGuid());

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var events = (await connection.QueryAsync<(string Type, string Body)>(
            "SELECT message_type, body::text FROM outbox_messages WHERE body->>'contentId' = @id ORDER BY created_at, id",
            new { id = organisation.ToString() })).ToList();
        Assert.Equal(
            ["Network.Contracts.Moderation.ContentReported", "Network.Contracts.Moderation.ModerationDecisionRecorded"],
            events.Select(e => e.Type));
        var recorded = JsonDocument.Parse(events[1].Body).RootElement;
        Assert.Equal(("directory", "organisation", "hide", reason), (
            recorded.GetProperty("service").GetString(),
            recorded.GetProperty("contentType").GetString(),
            recorded.GetProperty("decision").GetString(),
            recorded.GetProperty("reason").GetString()));
        Assert.Equal(organisation, recorded.GetProperty("ownerOrganisationId").GetGuid());

        Assert.Null(await QueueItemAsync(coordinator, organisation));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{organisation}")).StatusCode);
        var asMember = await (await client.SendAsync(HttpMethod.Get, $"/api/directory/organisations/{organisation}", admin.Token)).ReadJsonAsync();
        Assert.Equal((true, reason), (asMember.GetProperty("hidden").GetBoolean(), asMember.GetProperty("hiddenReason").GetString()));
        // Hidden now, so for the reporter (not a member) it is as if it did not exist.
        var again = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", reporter, new { contentType = "organisation", contentId = organisation, reason = "Noch da?" });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task A_hidden_profile_is_restored_and_a_rejected_one_stays_hidden_for_good()
    {
        var organisation = await RegisterOrganisationAsync("verified");
        var coordinator = await CoordinatorAsync();

        Assert.Equal(HttpStatusCode.Created, (await DecideAsync(coordinator, organisation, "hide", "Beleidigende Beschreibung")).StatusCode);
        var restored = await DecideAsync(coordinator, organisation, "restore", "Beschreibung wurde korrigiert");
        Assert.Equal("visible", (await restored.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.Null(await HiddenAtAsync(organisation));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/directory/organisations/{organisation}")).StatusCode);

        var rejected = await DecideAsync(coordinator, organisation, "reject", "Gefälschtes Profil");
        Assert.Equal("rejected", (await rejected.ReadJsonAsync()).GetProperty("state").GetString());
        Assert.NotNull(await HiddenAtAsync(organisation));

        var restoreAgain = await DecideAsync(coordinator, organisation, "restore", "Doch nicht");
        Assert.Equal(HttpStatusCode.Conflict, restoreAgain.StatusCode);
        Assert.Equal(["decision"], await restoreAgain.ErrorFieldsAsync());
        Assert.NotNull(await HiddenAtAsync(organisation));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{organisation}")).StatusCode);
    }

    [Fact]
    public async Task A_pending_organisation_waits_in_the_queue_and_approving_its_profile_does_not_verify_it()
    {
        var organisation = await RegisterOrganisationAsync("pending");
        var coordinator = await CoordinatorAsync();

        var queued = await QueueItemAsync(coordinator, organisation);
        Assert.NotNull(queued);
        Assert.Equal(("held", 0), (queued.Value.GetProperty("state").GetString(), queued.Value.GetProperty("openReports").GetInt32()));

        var approved = await DecideAsync(coordinator, organisation, "approve", "Profil ist in Ordnung");

        Assert.Equal(HttpStatusCode.Created, approved.StatusCode);
        Assert.Equal("held", (await approved.ReadJsonAsync()).GetProperty("state").GetString());
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.Equal("pending", await connection.ExecuteScalarAsync<string>("SELECT status FROM organisations WHERE id = @organisation", new { organisation }));
    }

    [Fact]
    public async Task A_member_may_report_their_pending_organisation_but_nobody_else_may_see_it_to_report()
    {
        var admin = await SignedUpWithIdAsync();
        var organisation = await RegisterOrganisationAsync("pending", admin.Id);
        var stranger = await SignedUpAsync();

        var byStranger = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", stranger, new { contentType = "organisation", contentId = organisation, reason = "Spam" });
        var byMember = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", admin.Token, new { contentType = "organisation", contentId = organisation, reason = "Jemand hat unser Profil verändert" });

        Assert.Equal(HttpStatusCode.NotFound, byStranger.StatusCode);
        Assert.Equal(["contentId"], await byStranger.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.Created, byMember.StatusCode);
    }

    [Fact]
    public async Task Reporting_the_same_profile_twice_keeps_one_open_report()
    {
        var organisation = await RegisterOrganisationAsync("verified");
        var reporter = await SignedUpAsync();

        var first = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", reporter, new { contentType = "organisation", contentId = organisation, reason = "Spam" });
        var second = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", reporter, new { contentType = "organisation", contentId = organisation, reason = "Immer noch Spam" });

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal((await first.ReadJsonAsync()).GetProperty("id").GetGuid(), (await second.ReadJsonAsync()).GetProperty("id").GetGuid());
        var queued = await QueueItemAsync(await CoordinatorAsync(), organisation);
        Assert.Equal(1, queued!.Value.GetProperty("openReports").GetInt32());
    }

    [Theory]
    [InlineData("GET", "/api/directory/moderation/queue")]
    [InlineData("POST", "/api/directory/moderation/decisions")]
    [InlineData("GET", "/api/directory/moderation/audit")]
    public async Task Only_coordinators_work_the_queue_decide_and_read_the_audit_log(string method, string path)
    {
        var organisation = await RegisterOrganisationAsync("verified");
        var body = new { contentType = "organisation", contentId = organisation, decision = "hide", reason = "Spam" };
        var member = await SignedUpAsync();

        var asMember = await client.SendAsync(new HttpMethod(method), path, member, method == "POST" ? body : null);
        using var anonymous = new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(body) : null };
        var asAnonymous = await client.SendAsync(anonymous);

        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Null(await HiddenAtAsync(organisation));
    }

    [Fact]
    public async Task Reporting_needs_a_sign_in()
    {
        var organisation = await RegisterOrganisationAsync("verified");

        var response = await client.PostAsync(
            "/api/directory/reports",
            JsonContent.Create(new { contentType = "organisation", contentId = organisation, reason = "Spam" }));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"contentType":"listing","contentId":"{id}","decision":"hide","reason":"Spam"}""", HttpStatusCode.BadRequest, "contentType")]
    [InlineData("""{"contentId":"{id}","decision":"hide","reason":"Spam"}""", HttpStatusCode.BadRequest, "contentType")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","decision":"delete","reason":"Spam"}""", HttpStatusCode.BadRequest, "decision")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","decision":"Hide","reason":"Spam"}""", HttpStatusCode.BadRequest, "decision")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","reason":"Spam"}""", HttpStatusCode.BadRequest, "decision")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","decision":"hide"}""", HttpStatusCode.BadRequest, "reason")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","decision":"hide","reason":"   "}""", HttpStatusCode.BadRequest, "reason")]
    [InlineData("""{"contentType":"organisation","contentId":"not-a-uuid","decision":"hide","reason":"Spam"}""", HttpStatusCode.BadRequest, "contentId")]
    [InlineData("""{"contentType":"organisation","contentId":"{unknown}","decision":"hide","reason":"Spam"}""", HttpStatusCode.NotFound, "contentId")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","decision":"restore","reason":"Spam"}""", HttpStatusCode.Conflict, "decision")]
    public async Task A_decision_that_cannot_be_taken_is_refused_naming_the_field(string body, HttpStatusCode status, string field)
    {
        var organisation = await RegisterOrganisationAsync("verified");
        var json = body.Replace("{id}", organisation.ToString()).Replace("{unknown}", Guid.NewGuid().ToString());

        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/moderation/decisions", await CoordinatorAsync(), JsonDocument.Parse(json).RootElement);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        Assert.Null(await HiddenAtAsync(organisation));
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM moderation_decisions WHERE content_id = @organisation", new { organisation }));
    }

    [Theory]
    [InlineData("""{"contentType":"event","contentId":"{id}","reason":"Spam"}""", HttpStatusCode.BadRequest, "contentType")]
    [InlineData("""{"contentType":"organisation","reason":"Spam"}""", HttpStatusCode.BadRequest, "contentId")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","reason":""}""", HttpStatusCode.BadRequest, "reason")]
    [InlineData("""{"contentType":"organisation","contentId":"{id}","reason":"{long}"}""", HttpStatusCode.BadRequest, "reason")]
    [InlineData("""{"contentType":"organisation","contentId":"{unknown}","reason":"Spam"}""", HttpStatusCode.NotFound, "contentId")]
    public async Task A_report_that_cannot_be_filed_is_refused_naming_the_field(string body, HttpStatusCode status, string field)
    {
        var organisation = await RegisterOrganisationAsync("verified");
        var json = body.Replace("{id}", organisation.ToString()).Replace("{unknown}", Guid.NewGuid().ToString()).Replace("{long}", new string('x', 2001));

        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/reports", await SignedUpAsync(), JsonDocument.Parse(json).RootElement);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM content_reports WHERE content_id = @organisation", new { organisation }));
    }

    [Theory]
    [InlineData("/api/directory/moderation/audit?contentType=listing", "contentType")]
    [InlineData("/api/directory/moderation/audit?contentId=42", "contentId")]
    [InlineData("/api/directory/moderation/audit?limit=101", "limit")]
    [InlineData("/api/directory/moderation/queue?contentType=listing", "contentType")]
    [InlineData("/api/directory/moderation/queue?cursor=not-ours", "cursor")]
    public async Task Reading_the_queue_or_the_audit_log_with_a_bad_parameter_names_it(string path, string field)
    {
        var response = await client.SendAsync(HttpMethod.Get, path, await CoordinatorAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_audit_log_is_read_newest_first_one_page_after_another()
    {
        var organisation = await RegisterOrganisationAsync("verified");
        var coordinator = await CoordinatorAsync();
        await DecideAsync(coordinator, organisation, "hide", "eins");
        await DecideAsync(coordinator, organisation, "restore", "zwei");
        await DecideAsync(coordinator, organisation, "hide", "drei");
        var path = $"/api/directory/moderation/audit?contentType=organisation&contentId={organisation}&limit=2";

        var first = await (await client.SendAsync(HttpMethod.Get, path, coordinator)).ReadJsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await client.SendAsync(HttpMethod.Get, $"{path}&cursor={cursor}", coordinator)).ReadJsonAsync();

        Assert.Equal(["drei", "zwei"], first.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal(["eins"], second.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("reason").GetString()));
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Theory]
    [InlineData("UPDATE moderation_decisions SET reason = 'nichts passiert' WHERE content_id = @organisation")]
    [InlineData("DELETE FROM moderation_decisions WHERE content_id = @organisation")]
    public async Task The_audit_log_refuses_to_be_changed_even_by_the_tables_owner(string sql)
    {
        var organisation = await RegisterOrganisationAsync("verified");
        await DecideAsync(await CoordinatorAsync(), organisation, "hide", "Spam");
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);

        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, new { organisation }));

        Assert.Equal("Spam", await connection.ExecuteScalarAsync<string>("SELECT reason FROM moderation_decisions WHERE content_id = @organisation", new { organisation }));
    }

    [Fact]
    public async Task The_moderation_endpoints_are_described_in_the_openapi_document()
    {
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        Assert.Contains("/api/directory/reports", paths);
        Assert.Contains("/api/directory/moderation/queue", paths);
        Assert.Contains("/api/directory/moderation/decisions", paths);
        Assert.Contains("/api/directory/moderation/audit", paths);
    }

    private Task<HttpResponseMessage> DecideAsync(string coordinator, Guid organisation, string decision, string reason) =>
        client.SendAsync(HttpMethod.Post, "/api/directory/moderation/decisions", coordinator, new { contentType = "organisation", contentId = organisation, decision, reason });

    /// <summary>The organisation's entry in the queue, looked for page by page.</summary>
    private async Task<JsonElement?> QueueItemAsync(string coordinator, Guid organisation)
    {
        string? cursor = null;
        do
        {
            var page = await (await client.SendAsync(HttpMethod.Get, $"/api/directory/moderation/queue?limit=100{(cursor is null ? "" : "&cursor=" + cursor)}", coordinator)).ReadJsonAsync();
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                if (item.GetProperty("contentId").GetGuid() == organisation)
                {
                    Assert.Equal("organisation", item.GetProperty("contentType").GetString());
                    return item;
                }
            }

            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return null;
    }

    private async Task<DateTime?> HiddenAtAsync(Guid organisation)
    {
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        return await connection.ExecuteScalarAsync<DateTime?>("SELECT hidden_at FROM organisations WHERE id = @organisation", new { organisation });
    }

    private async Task<string> CoordinatorAsync() => (await client.SignInAsync(Coordinator, CoordinatorPassword)).GetProperty("accessToken").GetString()!;

    private async Task<string> SignedUpAsync() => (await SignedUpWithIdAsync()).Token;

    private async Task<(Guid Id, string Token)> SignedUpWithIdAsync()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        return (id, (await client.SignInAsync(email)).GetProperty("accessToken").GetString()!);
    }

    /// <summary>
    /// An organisation with the given status, its admin a new account unless one is given. Written
    /// straight into the table so a test can start from any status in one step; the first test
    /// takes the way through the organisations API.
    /// </summary>
    private async Task<Guid> RegisterOrganisationAsync(string status, Guid? adminAccountId = null)
    {
        var admin = adminAccountId ?? await client.SignUpAsync(DirectoryClient.NewAddress("admin"));
        var id = Guid.CreateVersion7();
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.ExecuteAsync(
            """
            INSERT INTO organisations (id, name, kind, status, regions, topics, languages, created_by_account_id)
            VALUES (@id, @name, 'mso', @status, '{berlin_mitte}', '{health}', '{de}', @admin);
            INSERT INTO memberships (organisation_id, account_id, role) VALUES (@id, @admin, 'org_admin');
            """,
            new { id, name = $"Verein {id:N}", status, admin });
        return id;
    }
}
