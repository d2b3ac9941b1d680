using System.Net;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests.Organisations;

/// <summary>What the coordinators' pages read from the directory: every status decision with its reason, and the counts of the network.</summary>
public sealed class Coordinators_read_the_status_log_and_counts(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task Verifying_suspending_and_reinstating_are_logged_newest_first_with_reasons_and_cannot_be_changed()
    {
        var coordinator = await client.CoordinatorAsync();
        var id = await client.RegisterAsync(await client.NewPersonAsync(), OrganisationClient.Profile("Porzer Nachbarschaftshilfe e.V."));
        foreach (var (path, body) in new (string, object)[]
        {
            ("verification", new { decision = "verify", reason = "Satzung geprüft" }),
            ("suspension", new { suspended = true, reason = "Beschwerden werden geklärt" }),
            ("suspension", new { suspended = false }),
        })
        {
            var decided = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{id}/{path}", coordinator.Token, body);
            Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        }

        var log = await (await client.GetAsync($"/api/directory/status-decisions?organisationId={id}&limit=2", coordinator)).ReadJsonAsync();
        var page = log.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["reinstate", "suspend"], page.Select(e => e.GetProperty("decision").GetString()));
        Assert.Equal(JsonValueKind.Null, page[0].GetProperty("reason").ValueKind);
        Assert.Equal("Beschwerden werden geklärt", page[1].GetProperty("reason").GetString());
        Assert.Equal("Porzer Nachbarschaftshilfe e.V.", page[1].GetProperty("organisationName").GetString());
        Assert.NotEqual(Guid.Empty, page[1].GetProperty("coordinatorAccountId").GetGuid());
        var rest = await (await client.GetAsync($"/api/directory/status-decisions?organisationId={id}&limit=2&cursor={log.GetProperty("nextCursor").GetString()}", coordinator)).ReadJsonAsync();
        var first = Assert.Single(rest.GetProperty("items").EnumerateArray());
        Assert.Equal(("verify", "Satzung geprüft"), (first.GetProperty("decision").GetString(), first.GetProperty("reason").GetString()));

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync("UPDATE organisation_status_decisions SET reason = 'anders'"));
    }

    [Fact]
    public async Task Verified_organisations_are_counted_by_kind_and_region_pending_ones_by_status()
    {
        var coordinator = await client.CoordinatorAsync();
        var before = await CountsAsync(coordinator);
        var profile = OrganisationClient.Profile("Beratung Porz", ("kind", "service_provider"), ("regions", new[] { "koeln_porz", "koeln_kalk" }));
        await client.RegisterVerifiedAsync(await client.NewPersonAsync(), coordinator, profile);
        await client.RegisterAsync(await client.NewPersonAsync(), OrganisationClient.Profile("Noch nicht geprüft", ("regions", new[] { "koeln_porz" })));

        var after = await CountsAsync(coordinator);

        Assert.Equal(1, Count(after, "byRegion", "koeln_porz") - Count(before, "byRegion", "koeln_porz"));
        Assert.Equal(1, Count(after, "byRegion", "koeln_kalk") - Count(before, "byRegion", "koeln_kalk"));
        Assert.True(Count(after, "byKind", "service_provider") > Count(before, "byKind", "service_provider"));
        Assert.True(Count(after, "byStatus", "pending") > Count(before, "byStatus", "pending"));
    }

    [Fact]
    public async Task Only_coordinators_read_them()
    {
        var member = await client.NewPersonAsync();
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/directory/statistics", member)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/directory/status-decisions", member)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/directory/status-decisions", null)).StatusCode);
    }

    private async Task<JsonElement> CountsAsync(Person coordinator)
    {
        var response = await client.GetAsync("/api/directory/statistics", coordinator);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.ReadJsonAsync();
    }

    private static int Count(JsonElement counts, string measure, string code) =>
        counts.GetProperty(measure).EnumerateArray().Where(c => c.GetProperty("code").GetString() == code).Select(c => c.GetProperty("organisations").GetInt32()).SingleOrDefault();
}
