using System.Diagnostics;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Http;
using Npgsql;

namespace Network.Matching.Benchmark;

/// <summary>
/// Issue 4: load many listings, then time what a user waits for on the server, in-process against a
/// real PostgreSQL: a search, and the suggestions for a new listing. Times are from the call into the
/// store to its answer (connection from the pool, query, reading rows, ranking), without HTTP.
/// </summary>
internal static class MatchingBenchmark
{
    /// <summary>The aim of issue 4: p95 well under this, in milliseconds of server time.</summary>
    public const double AimMilliseconds = 50;

    private const int NameWidth = 46;

    public static async Task RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        // As AddServiceDatabase sets it for the service: the stores' Dapper rows rely on it.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var server = new NpgsqlConnectionStringBuilder(options.Server);
        Console.WriteLine(
            $"Matching benchmark: {options.Listings:N0} listings of {options.Organisations:N0} verified organisations; "
            + $"{options.Runs} runs per scenario after {options.WarmUp} warm-up runs; PostgreSQL at {server.Host}:{server.Port}; "
            + $"{Environment.ProcessorCount} cores{LoadAverage()}.");

        await using var database = await BenchmarkDatabase.CreateAsync(options.Server, options.Keep, cancellationToken);
        Console.WriteLine($"Created the database {database.Name} and applied the migrations.");

        var synthetic = new SyntheticListings(options.Seed, DateTimeOffset.UtcNow);
        var organisations = synthetic.Organisations(options.Organisations);
        var load = await LoadAsync(database.DataSource, synthetic, organisations, options.Listings, cancellationToken);
        Console.WriteLine(
            $"Loaded {load.Listings:N0} listings ({load.Listed:N0} listed: the rest withdrawn, hidden, expired or held) "
            + $"and {load.Organisations:N0} organisations in {load.Copy.TotalSeconds:F1} s "
            + $"({load.Listings / load.Copy.TotalSeconds:N0} listings/s, binary COPY with the migrations' indexes in place); "
            + $"VACUUM ANALYZE {load.VacuumAnalyze.TotalSeconds:F1} s; listings table with indexes {load.ListingsBytes / (1024.0 * 1024.0):N0} MB.");

        var verified = organisations.Where(o => o.Status == OrganisationStatus.Verified).ToList();
        var catalogue = new CounterpartCatalogue(database.DataSource);
        var suggestions = new SuggestionStore(database.DataSource, catalogue, TimeProvider.System, NullLogger<SuggestionStore>.Instance);
        var listings = new ListingStore(database.DataSource, suggestions, TimeProvider.System, NullLogger<ListingStore>.Instance);
        // The first ranking after a start loads the whole catalogue; the scenarios then time what follows.
        var loading = Stopwatch.StartNew();
        await catalogue.CounterpartsAsync(synthetic.NewProfile(synthetic.Pick(verified), ListingKind.Offer, RegionStyle.City), DateTimeOffset.UtcNow, null, 1, cancellationToken);
        Console.WriteLine($"Loaded the counterpart catalogue (codes and words of every listing that can be listed) in {loading.Elapsed.TotalSeconds:F1} s; {GC.GetTotalMemory(forceFullCollection: true) / (1024.0 * 1024.0):N0} MB managed memory in use.");
        var viewer = new ListingViewer(Guid.NewGuid(), new HashSet<Guid> { synthetic.Pick(verified).Id }, IsCoordinator: false);
        var laterPages = await LaterPagesAsync(database.DataSource, synthetic, cancellationToken);
        IReadOnlyList<Scenario> scenarios =
        [
            .. SearchScenarios.Create(listings, viewer, synthetic, laterPages),
            .. SuggestionScenarios.Create(suggestions, catalogue, listings, synthetic, verified),
        ];

        Console.WriteLine();
        Console.WriteLine($"{"scenario",-NameWidth} {"p50 ms",8} {"p95 ms",8} {"max ms",8} {"rows",7}");
        var timings = new List<Timing>();
        foreach (var scenario in scenarios)
        {
            var timing = await Measurement.MeasureAsync(scenario, options.WarmUp, options.Runs, cancellationToken);
            timings.Add(timing);
            Console.WriteLine(
                $"{timing.Scenario,-NameWidth} {timing.P50,8:F1} {timing.P95,8:F1} {timing.Max,8:F1} {timing.Rows,7:F1}"
                + (timing.P95 > AimMilliseconds ? $"  p95 over {AimMilliseconds} ms" : ""));
        }

        var slowest = timings.MaxBy(t => t.P95)!;
        Console.WriteLine();
        Console.WriteLine(
            $"Slowest p95: {slowest.P95:F1} ms ({slowest.Scenario.Trim()}); aim: well under {AimMilliseconds} ms{LoadAverage()}. "
            + $"Rows: per search, the page of {Paging.DefaultLimit} plus one; per suggestion scenario, at most {SuggestionScenarios.Limit} suggestions.");

        Console.WriteLine();
        Console.WriteLine("Query plans (EXPLAIN ANALYZE of each scenario's first variant):");
        foreach (var scenario in scenarios.Where(s => s.Query is not null))
        {
            var plan = await QueryPlans.ExplainAsync(database.DataSource, scenario.Query!(DateTimeOffset.UtcNow), cancellationToken);
            Console.WriteLine(scenario.Name);
            foreach (var line in options.FullPlans ? plan : QueryPlans.Gist(plan))
            {
                Console.WriteLine("  " + line);
            }
        }

        Console.WriteLine();
    }

    /// <summary>The listings, generated first so they can be written oldest first; only the load's figures outlive this.</summary>
    private static async Task<LoadResult> LoadAsync(
        NpgsqlDataSource dataSource, SyntheticListings synthetic, IReadOnlyList<SyntheticOrganisation> organisations, int count, CancellationToken cancellationToken)
    {
        var generation = Stopwatch.StartNew();
        var listings = Enumerable.Range(0, count)
            .Select(_ => synthetic.Listing(synthetic.Pick(organisations)))
            .OrderBy(listing => listing.CreatedAt)
            .ToList();
        Console.WriteLine($"Generated {listings.Count:N0} listings in {generation.Elapsed.TotalSeconds:F1} s.");
        return await BulkLoad.RunAsync(dataSource, organisations, listings, cancellationToken);
    }

    /// <summary>
    /// The machine's load average (Linux), printed beside the timings: on a shared machine a busy
    /// neighbour shows in the percentiles, and this tells the reader how far to trust them.
    /// </summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? $"; load average {string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3))}" : "";

    /// <summary>Keyset cursors of pages 2 to 100 of the newest-first list, as a client paging on would send them.</summary>
    private static async Task<IReadOnlyList<(DateTime At, Guid Id)>> LaterPagesAsync(
        NpgsqlDataSource dataSource, SyntheticListings synthetic, CancellationToken cancellationToken)
    {
        var positions = Enumerable.Range(0, 50).Select(_ => (long)((1 + synthetic.Next(99)) * Paging.DefaultLimit)).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var cursors = await connection.QueryAsync<(DateTime, Guid)>(new CommandDefinition(
            """
            SELECT created_at, id FROM (
                SELECT created_at, id, row_number() OVER (ORDER BY created_at DESC, id DESC) AS position
                FROM listings WHERE status = 'active') numbered
            WHERE position = ANY(@positions)
            """,
            new { positions },
            cancellationToken: cancellationToken));
        return cursors.ToList();
    }
}
