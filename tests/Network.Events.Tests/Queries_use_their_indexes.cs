using System.Text.Json;
using Dapper;
using Network.Events.Data;
using Network.Events.Domain;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

/// <summary>
/// The plan PostgreSQL chooses for the default list (and feed), on a network with years of past
/// events and a few upcoming ones, asked for exactly the SQL the service runs. A list that read
/// every past event would pass every functional test and only be slow as the years add up.
/// </summary>
public sealed class Queries_use_their_indexes(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    private const int PastEvents = 4_000;

    [Fact]
    public async Task The_default_list_finds_the_events_that_have_not_ended_without_reading_the_past()
    {
        await SeedAsync();
        var now = api.Clock.GetUtcNow();
        var criteria = new EventSearchCriteria(now, null, null, [], [], null, 20, null);
        var anonymous = new EventViewer(null, new HashSet<Guid>(), new HashSet<Guid>(), IsCoordinator: false);

        var plan = await PlanAsync(EventStore.SearchSql(criteria, anonymous, 20));

        Assert.DoesNotContain("events", SequentialScansIn(plan));
        Assert.Contains("events_by_last_end", IndexesIn(plan));
    }

    private async Task SeedAsync()
    {
        await using var connection = await api.OpenConnectionAsync();
        // Past events, one every few hours going back years, and a handful ahead.
        await connection.ExecuteAsync(
            """
            INSERT INTO events (id, organiser_organisation_id, kind, status, title, topics, regions, languages, capacity,
                                registration_deadline, visibility, first_starts_at, last_ends_at, created_at, updated_at)
            SELECT gen_random_uuid(), gen_random_uuid(), 'workshop', 'scheduled', 'Workshop ' || i, '{migration_law}', '{berlin_lichtenberg}', '{de}', 20,
                   starts - interval '1 day', CASE WHEN i % 3 = 0 THEN 'members' ELSE 'public' END, starts, starts + interval '2 hours', starts, starts
            FROM generate_series(1, @total) AS i,
                 LATERAL (SELECT @now - make_interval(hours => 7 * (i - @upcoming)) AS starts) t
            """,
            new { total = PastEvents + 30, upcoming = 30, now = api.Clock.GetUtcNow() });
        await connection.ExecuteAsync("VACUUM ANALYZE events");
    }

    private async Task<JsonElement> PlanAsync((string Sql, DynamicParameters Parameters) query)
    {
        await using var connection = await api.OpenConnectionAsync();
        var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + query.Sql, query.Parameters);
        return JsonDocument.Parse(json!).RootElement[0].GetProperty("Plan").Clone();
    }

    private static List<string> IndexesIn(JsonElement plan) => Nodes(plan).Where(n => n.TryGetProperty("Index Name", out _)).Select(n => n.GetProperty("Index Name").GetString()!).ToList();

    private static List<string> SequentialScansIn(JsonElement plan) =>
        Nodes(plan).Where(n => n.GetProperty("Node Type").GetString() == "Seq Scan").Select(n => n.GetProperty("Relation Name").GetString()!).ToList();

    private static IEnumerable<JsonElement> Nodes(JsonElement plan)
    {
        yield return plan;
        if (plan.TryGetProperty("Plans", out var children))
        {
            foreach (var node in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return node;
            }
        }
    }
}
