using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.ServiceDefaults.Data;
using Network.Testing;
using Npgsql;
using NpgsqlTypes;
using Xunit.Abstractions;

namespace Network.Directory.Tests.Organisations;

/// <summary>
/// A database of its own with 100,000 generated organisations, loaded with COPY and analysed once
/// for the whole class; each test EXPLAINs the very SQL the API runs for a search.
/// </summary>
public sealed class HundredThousandOrganisations : IAsyncLifetime
{
    public const int Count = 100_000;

    public TestDatabase Database { get; private set; } = null!;

    public TimeSpan LoadTime { get; private set; }

    public TimeSpan Loaded { get; private set; }

    public async Task InitializeAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        Database = await TestDatabase.CreateAsync("directory_scale");
        await using var dataSource = Database.CreateDataSource();
        await new DatabaseMigrator(dataSource, [typeof(DatabaseMigrator).Assembly, typeof(OrganisationStore).Assembly], NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);

        await using var connection = await dataSource.OpenConnectionAsync();
        // Loading into a table without indexes and building them afterwards is how a bulk load is
        // done; the indexes come back exactly as the migration defined them.
        var indexes = (await connection.QueryAsync<(string Name, string Definition)>(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'organisations' AND indexname <> 'organisations_pkey'")).ToList();
        foreach (var index in indexes)
        {
            await connection.ExecuteAsync($"DROP INDEX {index.Name}");
        }

        await CopyAsync(dataSource, DemoNetwork.Generate(Count));
        Loaded = stopwatch.Elapsed;
        await connection.ExecuteAsync("SET maintenance_work_mem = '256MB'");
        foreach (var index in indexes)
        {
            await connection.ExecuteAsync(index.Definition);
        }

        await connection.ExecuteAsync("ANALYZE organisations");
        LoadTime = stopwatch.Elapsed;
    }

    private static async Task CopyAsync(NpgsqlDataSource dataSource, IEnumerable<DemoOrganisation> organisations)
    {
        var creator = Guid.NewGuid();
        var now = DateTime.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var copy = await connection.BeginBinaryImportAsync(
            """
            COPY organisations (id, name, kind, status, description, regions, topics, languages, target_groups,
                website, email, phone, address, contact_persons, taxonomy_text, created_by_account_id, created_at, updated_at)
            FROM STDIN (FORMAT BINARY)
            """);
        foreach (var demo in organisations)
        {
            var p = demo.Profile;
            await copy.StartRowAsync();
            await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
            await copy.WriteAsync(p.Name, NpgsqlDbType.Text);
            await copy.WriteAsync(EnumCodes.Of(p.Kind), NpgsqlDbType.Text);
            await copy.WriteAsync(EnumCodes.Of(demo.Status), NpgsqlDbType.Text);
            await copy.WriteAsync(p.Description, NpgsqlDbType.Text);
            await copy.WriteAsync(p.Regions.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(p.Topics.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(p.Languages.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(p.TargetGroups.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text);
            await copy.WriteAsync(p.Website, NpgsqlDbType.Text);
            await copy.WriteAsync(p.Email, NpgsqlDbType.Text);
            await copy.WriteAsync(p.Phone, NpgsqlDbType.Text);
            await copy.WriteAsync(p.Address, NpgsqlDbType.Text);
            await copy.WriteAsync(OrganisationRow.ContactPersonsJson(p.ContactPersons), NpgsqlDbType.Jsonb);
            await copy.WriteAsync(Taxonomy.SearchText(p.Regions, p.Topics, p.Languages, p.TargetGroups), NpgsqlDbType.Text);
            await copy.WriteAsync(creator, NpgsqlDbType.Uuid);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
            await copy.WriteAsync(now, NpgsqlDbType.TimestampTz);
        }

        await copy.CompleteAsync();
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}

public sealed class Searching_a_hundred_thousand_organisations(HundredThousandOrganisations organisations, ITestOutputHelper output)
    : IClassFixture<HundredThousandOrganisations>
{
    private static readonly string[] GinIndexes =
        ["organisations_search", "organisations_regions", "organisations_topics", "organisations_languages", "organisations_target_groups"];

    private static readonly Viewer Public = Viewer.Anonymous;

    [Fact]
    public async Task All_of_them_are_there()
    {
        await using var connection = new NpgsqlConnection(organisations.Database.ConnectionString);
        output.WriteLine($"Copied {HundredThousandOrganisations.Count} organisations in {organisations.Loaded}, indexed and analysed them by {organisations.LoadTime}");

        Assert.Equal(HundredThousandOrganisations.Count, await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM organisations"));
    }

    [Theory]
    [InlineData("Tigrinya")]
    [InlineData("Wohnungssuche")]
    [InlineData("Sprachmittlung Lichtenberg")]
    [InlineData("Vietnamesischer Elternverein")]
    [InlineData("queere Beratung")]
    [InlineData("Dessau")]
    public async Task Full_text_search_uses_the_search_index(string query)
    {
        var plan = await PlanAsync(Criteria(query: query));

        AssertNoSequentialScan(plan);
        Assert.Contains("organisations_search", IndexesUsed(plan));
    }

    [Theory]
    [InlineData("Beratung", "koeln_kalk", null, "tr")]
    [InlineData("Gesundheit", "dessau_rosslau", "health", "ar")]
    [InlineData("Empowerment", null, null, "so")]
    public async Task Full_text_search_with_filters_uses_the_gin_indexes(string query, string? region, string? topic, string? language)
    {
        var plan = await PlanAsync(Criteria(query: query, region: region, topic: topic, language: language));

        AssertNoSequentialScan(plan);
        Assert.NotEmpty(IndexesUsed(plan).Intersect(GinIndexes));
    }

    [Theory]
    [InlineData(null, "lgbti", "fa", null)]
    [InlineData(null, "health", "ckb", null)]
    [InlineData("koeln_kalk", null, "so", null)]
    [InlineData("dessau_rosslau", null, "ti", "women")]
    [InlineData("berlin_spandau", "housing", null, "lgbti_people")]
    public async Task Selective_filters_use_the_gin_indexes_of_their_codes(string? region, string? topic, string? language, string? targetGroup)
    {
        var plan = await PlanAsync(Criteria(region: region, topic: topic, language: language, targetGroup: targetGroup));

        AssertNoSequentialScan(plan);
        Assert.NotEmpty(IndexesUsed(plan).Intersect(GinIndexes));
    }

    /// <summary>
    /// Browsing by name with a common filter reads the name index until a page is full: about as
    /// cheap as a page can be, and never the whole table.
    /// </summary>
    [Theory]
    [InlineData(null, null, null)]
    [InlineData("berlin", null, null)]
    [InlineData(null, "health", null)]
    [InlineData(null, null, "de")]
    [InlineData("berlin", "health", "de")]
    public async Task Broad_filters_never_scan_the_whole_table(string? region, string? topic, string? language)
    {
        var plan = await PlanAsync(Criteria(region: region, topic: topic, language: language));

        AssertNoSequentialScan(plan);
        Assert.Contains("organisations_by_status_and_name", IndexesUsed(plan));
    }

    private static OrganisationSearchCriteria Criteria(string? query = null, string? region = null, string? topic = null, string? language = null, string? targetGroup = null)
    {
        var (criteria, errors, _) = OrganisationSearch.Read(
            Public, query, null, region is null ? null : [region], topic is null ? null : [topic], language is null ? null : [language],
            targetGroup is null ? null : [targetGroup], null, null, null);
        Assert.Empty(errors);
        return criteria!;
    }

    /// <summary>EXPLAIN of exactly the statement the store sends for these criteria.</summary>
    private async Task<JsonElement> PlanAsync(OrganisationSearchCriteria criteria)
    {
        var (sql, parameters) = OrganisationSearchSql.Build(criteria);
        await using var connection = new NpgsqlConnection(organisations.Database.ConnectionString);
        var json = await connection.ExecuteScalarAsync<string>("EXPLAIN (FORMAT JSON) " + sql, parameters);
        var plan = JsonDocument.Parse(json!).RootElement[0].GetProperty("Plan");
        output.WriteLine(string.Join(" > ", Nodes(plan).Select(n => n.GetProperty("Node Type").GetString() + (n.TryGetProperty("Index Name", out var index) ? $" ({index.GetString()})" : string.Empty))));
        return plan;
    }

    private static void AssertNoSequentialScan(JsonElement plan) =>
        Assert.DoesNotContain(Nodes(plan), node =>
            node.GetProperty("Node Type").GetString() == "Seq Scan"
            && node.TryGetProperty("Relation Name", out var relation) && relation.GetString() == "organisations");

    private static IReadOnlyList<string> IndexesUsed(JsonElement plan) =>
        Nodes(plan).Where(n => n.TryGetProperty("Index Name", out _)).Select(n => n.GetProperty("Index Name").GetString()!).ToList();

    private static IEnumerable<JsonElement> Nodes(JsonElement node)
    {
        yield return node;
        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var child in children.EnumerateArray().SelectMany(Nodes))
            {
                yield return child;
            }
        }
    }
}
