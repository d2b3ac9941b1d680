using System.Diagnostics;

namespace Network.Matching.Benchmark;

/// <summary>Percentiles of one scenario's runs, in milliseconds, and how many rows a run got on average.</summary>
internal sealed record Timing(string Scenario, int Runs, double P50, double P95, double Max, double Rows);

internal static class Measurement
{
    /// <summary>
    /// Runs the scenario <paramref name="warmUp"/> times unmeasured (JIT, connection pool, PostgreSQL's
    /// caches), then <paramref name="runs"/> times one after the other, each timed on its own.
    /// </summary>
    public static async Task<Timing> MeasureAsync(Scenario scenario, int warmUp, int runs, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmUp; i++)
        {
            await scenario.RunAsync(i, cancellationToken);
        }

        var milliseconds = new double[runs];
        long rows = 0;
        for (var i = 0; i < runs; i++)
        {
            var started = Stopwatch.GetTimestamp();
            rows += await scenario.RunAsync(i, cancellationToken);
            milliseconds[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(milliseconds);
        return new Timing(scenario.Name, runs, Percentile(milliseconds, 0.50), Percentile(milliseconds, 0.95), milliseconds[^1], (double)rows / runs);
    }

    /// <summary>The nearest-rank percentile: a time one of the runs actually took.</summary>
    private static double Percentile(double[] sorted, double fraction) =>
        sorted[Math.Max(0, (int)Math.Ceiling(fraction * sorted.Length) - 1)];
}
