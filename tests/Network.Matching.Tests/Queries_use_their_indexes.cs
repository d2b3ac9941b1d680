using System.Text.Json;
using Dapper;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.Testing;
using Npgsql;

namespace Network.Matching.Tests;

/// <summary>
/// The plans PostgreSQL chooses for the search and for what the suggestions read (the catalogue's
/// catch-up and the rows of the best counterparts), on 30,000 listings spread
/// like a real network's (districts, cities, online; one to two topics), asked for exactly the SQL the
/// service runs. A query that stopped using its index would still pass every functional test and only
/// be slow at scale; this is where that shows. The timings themselves are the benchmark's business
/// (infra/local/benchmark-matching.sh).
/// </summary>
public sealed class Queries_use_their_indexes(Queries_use_their_indexes.ThirtyThousandListings listings) : IClassFixture<Queries_use_their_indexes.ThirtyThousandListings>
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private NpgsqlDataSource DataSource => listings.DataSource;

    [Fact]
    public async Task The_catalogue_catches_up_by_reading_only_changed_rows_through_their_indexes()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var listingsSeen = await connection.ExecuteScalarAsync<long>("SELECT max(change_seq) - 20 FROM listings");
        var organisationsSeen = await connection.ExecuteScalarAsync<long>("SELECT max(change_seq) - 20 FROM organisations");

        var listingsPlan = await PlanAsync((CounterpartCatalogue.ChangedListings, Parameters(new { seen = listingsSeen })));
        var organisationsPlan = await PlanAsync((CounterpartCatalogue.ChangedOrganisations, Parameters(new { seen = organisationsSeen })));

        Assert.Contains("listings_by_change", IndexesIn(listingsPlan));
        Assert.Empty(SequentialScansIn(listingsPlan));
        Assert.Contains("organisations_by_change", IndexesIn(organisationsPlan));
        Assert.Empty(SequentialScansIn(organisationsPlan));
    }

    [Fact]
    public async Task The_rows_of_the_best_counterparts_are_read_by_their_keys()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var ids = (await connection.QueryAsync<Guid>("SELECT id FROM listings ORDER BY created_at DESC LIMIT 12")).ToList();

        var plan = await PlanAsync(CounterpartSql.ListedProfiles(ids, Now));

        Assert.Contains("listings_pkey", IndexesIn(plan));
        Assert.DoesNotContain("listings", SequentialScansIn(plan));
    }

    private static DynamicParameters Parameters(object values) => new(values);

    [Fact]
    public async Task A_search_for_a_rare_word_uses_the_full_text_index()
    {
        var plan = await PlanAsync(Search(words: ["Stadtteilmütter"]));

        Assert.True(IndexesIn(plan).Contains("listings_search"), Describe(plan));
        Assert.DoesNotContain("listings", SequentialScansIn(plan));
    }

    [Fact]
    public async Task A_search_for_a_common_word_reads_the_newest_listings_in_order_instead_of_every_match()
    {
        // "Beratung" is in every listing: finding them all by the full-text index would read all 30,000
        // rows to rank them; the newest ListingSearch.RankedMatches matches are the first rows in order.
        var plan = await PlanAsync(Search(words: ["Beratung"]));

        Assert.Contains("listings_active_by_created", IndexesIn(plan));
        Assert.DoesNotContain("listings_search", IndexesIn(plan));
        Assert.DoesNotContain("listings", SequentialScansIn(plan));
    }

    [Fact]
    public async Task The_newest_first_list_reads_its_index_in_order()
    {
        var plan = await PlanAsync(Search(words: []));

        Assert.Contains("listings_active_by_created", IndexesIn(plan));
        Assert.DoesNotContain("listings", SequentialScansIn(plan));
    }

    [Fact]
    public async Task A_search_filtered_by_topic_and_region_uses_their_indexes()
    {
        var plan = await PlanAsync(Search(words: [], topics: ["migration_law"], regions: ["koeln_ehrenfeld"]));

        Assert.NotEmpty(IndexesIn(plan).Intersect(["listings_topics", "listings_regions", "listings_counterparts", "listings_active_by_created"]));
        Assert.DoesNotContain("listings", SequentialScansIn(plan));
    }

    private static (string Sql, DynamicParameters Parameters) Search(IReadOnlyList<string> words, IReadOnlyList<string>? topics = null, IReadOnlyList<string>? regions = null)
    {
        var criteria = new ListingSearchCriteria(words, null, topics ?? [], regions ?? [], [], [], null, 20, null, 0);
        return ListingSearchSql.Build(criteria, new ListingViewer(Guid.NewGuid(), new HashSet<Guid>(), false), Now);
    }

    private async Task<JsonElement> PlanAsync((string Sql, DynamicParameters Parameters) query)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + query.Sql, query.Parameters);
        return JsonDocument.Parse(json!).RootElement[0].GetProperty("Plan").Clone();
    }

    /// <summary>The plan's nodes, one per line, for a failure message.</summary>
    private static string Describe(JsonElement plan) => string.Join(
        "\n",
        Nodes(plan).Select(n => $"{n.GetProperty("Node Type").GetString()} {(n.TryGetProperty("Index Name", out var index) ? index.GetString() : "")} {(n.TryGetProperty("Relation Name", out var relation) ? relation.GetString() : "")} rows={n.GetProperty("Plan Rows")}"));

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

    /// <summary>A database of its own with the listings, made once for the class.</summary>
    public sealed class ThirtyThousandListings : IAsyncLifetime
    {
        private const int ListingCount = 30_000;

        private TestDatabase database = null!;

        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            (database, var dataSource) = await MatchingDatabase.CreateAsync("matching_plans");
            DataSource = dataSource;
            await using var connection = await DataSource.OpenConnectionAsync();
            var districts = Taxonomy.Regions.SelectMany(city => city.Districts).Select(d => d.Code).ToArray();
            var cities = Taxonomy.Regions.Select(city => city.Code).ToArray();
            var topics = Taxonomy.Topics.Select(t => t.Code).ToArray();
            // Deterministic pseudo-random spread, so a plan change means the code changed, not the dice.
            // Every listing says "Beratung"; the 150 keywords give the statistics the hundred common
            // words PostgreSQL needs before it estimates a prefix search from them (with fewer, it
            // assumes any prefix matches 2%), as real text does.
            await connection.ExecuteAsync(
                """
                SELECT setseed(0.42);
                INSERT INTO organisations (id, name, kind, status, status_changed_at)
                SELECT md5('org' || g)::uuid, 'Organisation ' || g, 'mso', 'verified', now() FROM generate_series(1, 1000) g;
                INSERT INTO listings (id, organisation_id, kind, status, title, description, topics, languages, regions, format, created_at, updated_at)
                SELECT md5('listing' || g)::uuid,
                       md5('org' || (1 + g % 1000))::uuid,
                       CASE WHEN g % 2 = 0 THEN 'offer' ELSE 'request' END,
                       'active',
                       'Angebot ' || g || CASE WHEN g % 500 = 0 THEN ' Stadtteilmütter' ELSE ' Beratung' END,
                       'Wir unterstützen Familien und Vereine in der Nachbarschaft. Beratung, Begleitung und Austausch. Stichwort' || g % 150 || '.',
                       ARRAY[@topics[1 + (g * 7) % cardinality(@topics)]] || CASE WHEN random() < 0.5 THEN ARRAY[@topics[1 + (g * 13) % cardinality(@topics)]] ELSE ARRAY[]::text[] END,
                       ARRAY['de', 'tr'],
                       CASE WHEN random() < 0.8 THEN ARRAY[@districts[1 + floor(random() * cardinality(@districts))::int]]
                            WHEN random() < 0.5 THEN ARRAY[@cities[1 + floor(random() * cardinality(@cities))::int]]
                            ELSE ARRAY['online'] END,
                       'in_person', now() - g * interval '1 minute', now() - g * interval '1 minute'
                FROM generate_series(1, @count) g;
                """,
                new { topics, districts, cities, count = ListingCount });
            // As autovacuum leaves a table in use: statistics gathered and the GIN indexes' pending lists
            // merged (a long pending list makes the planner rightly avoid the index).
            await connection.ExecuteAsync("VACUUM ANALYZE listings");
            await connection.ExecuteAsync("VACUUM ANALYZE organisations");
        }

        public async Task DisposeAsync()
        {
            await DataSource.DisposeAsync();
            await database.DisposeAsync();
        }
    }
}
