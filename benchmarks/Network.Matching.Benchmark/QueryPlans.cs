using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Network.Matching.Benchmark;

/// <summary>EXPLAIN ANALYZE of a scenario's SQL, whole or as its gist.</summary>
internal static partial class QueryPlans
{
    public static async Task<IReadOnlyList<string>> ExplainAsync(
        NpgsqlDataSource dataSource, (string Sql, DynamicParameters Parameters) query, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var plan = await connection.QueryAsync<string>(new CommandDefinition(
            "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) " + query.Sql, query.Parameters, cancellationToken: cancellationToken));
        return plan.ToList();
    }

    /// <summary>The top node, every scan with the rows it returned, any sort's method, and the execution time.</summary>
    public static IEnumerable<string> Gist(IReadOnlyList<string> plan)
    {
        yield return plan[0].Trim();
        var scans = plan.Skip(1)
            .Select(line => PlanNode().Match(line))
            .Where(node => node.Success && node.Groups["node"].Value.Contains("Scan", StringComparison.Ordinal))
            .Select(node => $"{node.Groups["node"].Value} (rows={node.Groups["rows"].Value}, loops={node.Groups["loops"].Value})")
            .Distinct();
        yield return "scans: " + string.Join("; ", scans);
        foreach (var sort in plan.Select(line => line.Trim()).Where(line => line.StartsWith("Sort Method", StringComparison.Ordinal)).Distinct())
        {
            yield return sort;
        }

        yield return plan.Select(line => line.Trim()).FirstOrDefault(line => line.StartsWith("Execution Time", StringComparison.Ordinal)) ?? "";
    }

    [GeneratedRegex(@"^\s*(?:->\s*)?(?<node>.+?)\s+\(actual time=[\d.]+\.\.[\d.]+ rows=(?<rows>\d+) loops=(?<loops>\d+)\)")]
    private static partial Regex PlanNode();
}
