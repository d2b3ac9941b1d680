using System.Globalization;

namespace Network.Matching.Benchmark;

/// <summary>What to run, from the command line and the environment.</summary>
internal sealed record BenchmarkOptions(string Server, int Listings, int Runs, int WarmUp, int Seed, bool FullPlans, bool Keep)
{
    public const string DefaultServer = "Host=127.0.0.1;Port=5433;Username=postgres";

    public const string Usage = """
        Loads synthetic listings into a fresh database and times search and suggestions in-process.

        usage: Network.Matching.Benchmark [--listings N] [--runs N] [--warm-up N] [--seed N] [--plans] [--keep]
          --listings N   listings to load (default 100000, or NETWORK_BENCHMARK_LISTINGS); one organisation per 50
          --runs N       measured runs per scenario (default 200)
          --warm-up N    unmeasured runs per scenario before those (default 20)
          --seed N       seed of the synthetic data and of the queries (default 4)
          --plans        print each query's whole EXPLAIN ANALYZE plan, not only its gist
          --keep         keep the database afterwards (to look at it with psql) instead of dropping it

        The PostgreSQL server is NETWORK_BENCHMARK_DATABASE_SERVER, a connection string without a database
        (default: Host=127.0.0.1;Port=5433;Username=postgres).
        """;

    /// <summary>One organisation per this many listings: 2,000 for 100,000.</summary>
    public const int ListingsPerOrganisation = 50;

    public int Organisations => Math.Max(10, Listings / ListingsPerOrganisation);

    /// <summary>The options, or null with the reason when the arguments are not understood.</summary>
    public static (BenchmarkOptions? Options, string? Error) Read(string[] args, Func<string, string?> environment)
    {
        var server = environment("NETWORK_BENCHMARK_DATABASE_SERVER") is { Length: > 0 } configured ? configured : DefaultServer;
        var options = new BenchmarkOptions(server, 100_000, 200, 20, 4, false, false);
        if (environment("NETWORK_BENCHMARK_LISTINGS") is { Length: > 0 } listings)
        {
            if (!TryCount(listings, out var count))
            {
                return (null, $"NETWORK_BENCHMARK_LISTINGS is not a number: '{listings}'.");
            }

            options = options with { Listings = count };
        }

        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--plans":
                    options = options with { FullPlans = true };
                    continue;
                case "--keep":
                    options = options with { Keep = true };
                    continue;
                case "--help" or "-h":
                    return (null, null);
            }

            if (i + 1 >= args.Length || !TryCount(args[i + 1], out var value))
            {
                return (null, $"'{args[i]}' needs a number after it, or is not an option.");
            }

            switch (args[i])
            {
                case "--listings":
                    options = options with { Listings = value };
                    break;
                case "--runs":
                    options = options with { Runs = value };
                    break;
                case "--warm-up":
                    options = options with { WarmUp = value };
                    break;
                case "--seed":
                    options = options with { Seed = value };
                    break;
                default:
                    return (null, $"Unknown option '{args[i]}'.");
            }

            i++;
        }

        return options is { Listings: > 0, Runs: > 0 } ? (options, null) : (null, "There must be at least one listing and one run.");
    }

    private static bool TryCount(string text, out int value) =>
        int.TryParse(text.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
