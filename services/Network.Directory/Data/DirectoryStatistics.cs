using Dapper;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>
/// Counts for the coordinators' network overview: organisations by status, and the verified ones
/// (those the network is made of) by kind and by region code. An organisation working in several
/// districts counts in each of them.
/// </summary>
public sealed class DirectoryStatistics(NpgsqlDataSource dataSource)
{
    public sealed record CodeCount(string Code, int Organisations);

    public sealed record Counts(IReadOnlyList<CodeCount> ByStatus, IReadOnlyList<CodeCount> ByKind, IReadOnlyList<CodeCount> ByRegion);

    public async Task<Counts> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<(string Measure, string Code, int Organisations)>(new CommandDefinition(
            """
            SELECT 'status', status, count(*)::int FROM organisations GROUP BY status
            UNION ALL
            SELECT 'kind', kind, count(*)::int FROM organisations WHERE status = 'verified' GROUP BY kind
            UNION ALL
            SELECT 'region', region, count(*)::int FROM organisations CROSS JOIN LATERAL unnest(regions) AS region
            WHERE status = 'verified' GROUP BY region
            """,
            cancellationToken: cancellationToken))).ToList();

        IReadOnlyList<CodeCount> Of(string measure) =>
            rows.Where(r => r.Measure == measure).OrderBy(r => r.Code, StringComparer.Ordinal).Select(r => new CodeCount(r.Code, r.Organisations)).ToList();

        return new Counts(Of("status"), Of("kind"), Of("region"));
    }
}
