using System.Globalization;
using Dapper;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// Counts for the coordinators' network overview: what is listed now by kind, topic and region (offers
/// and requests side by side, so gaps show), and per month what was published, suggested, answered
/// with interest, declined and formed into partnerships. Months are Berlin calendar months.
/// </summary>
public sealed class MatchingStatistics(NpgsqlDataSource dataSource)
{
    public sealed record KindCounts(int Offers, int Requests);

    public sealed record CodeCounts(string Code, int Offers, int Requests);

    /// <summary>Listings that name both the region and the topic: a row per pair that has any, so a missing pair is a gap.</summary>
    public sealed record RegionTopicCounts(string Region, string Topic, int Offers, int Requests);

    public sealed record ListedCounts(KindCounts ByKind, IReadOnlyList<CodeCounts> ByTopic, IReadOnlyList<CodeCounts> ByRegion, IReadOnlyList<RegionTopicCounts> ByRegionAndTopic);

    public sealed record MonthCounts(string Month, int ListingsPublished, int SuggestionsMade, int InterestShown, int SuggestionsDeclined, int PartnershipsFormed);

    public sealed record Counts(ListedCounts Listed, IReadOnlyList<MonthCounts> Months);

    public async Task<Counts> CountAsync(StatisticsPeriod period, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        const string listings = "FROM listings l JOIN organisations o ON o.id = l.organisation_id";
        const string listed = $"WHERE {ListingRow.Listed}";
        var byKind = (await connection.QueryAsync<(string Kind, int Count)>(new CommandDefinition(
            $"SELECT l.kind, count(*)::int {listings} {listed} GROUP BY l.kind", new { now }, cancellationToken: cancellationToken))).ToDictionary(r => r.Kind, r => r.Count);
        var byTopic = await ByCodeAsync("topics");
        var byRegion = await ByCodeAsync("regions");
        var byRegionAndTopic = (await connection.QueryAsync<RegionTopicCounts>(new CommandDefinition(
            $"""
            SELECT region, topic, (count(*) FILTER (WHERE l.kind = 'offer'))::int AS offers, (count(*) FILTER (WHERE l.kind = 'request'))::int AS requests
            {listings} CROSS JOIN LATERAL unnest(l.regions) AS region CROSS JOIN LATERAL unnest(l.topics) AS topic {listed}
            GROUP BY region, topic ORDER BY region, topic
            """,
            new { now },
            cancellationToken: cancellationToken))).ToList();

        var counts = (await connection.QueryAsync<(string Month, string Measure, int Count)>(new CommandDefinition(
            """
            WITH answers AS (
                SELECT offer_interested_at AS at FROM suggestions WHERE offer_interested_at >= @start AND offer_interested_at < @end
                UNION ALL
                SELECT request_interested_at FROM suggestions WHERE request_interested_at >= @start AND request_interested_at < @end)
            SELECT to_char(created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'), 'listings', count(*)::int
            FROM listings WHERE created_at >= @start AND created_at < @end GROUP BY 1
            UNION ALL
            SELECT to_char(created_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'), 'suggestions', count(*)::int
            FROM suggestions WHERE created_at >= @start AND created_at < @end GROUP BY 1
            UNION ALL
            SELECT to_char(at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'), 'interest', count(*)::int FROM answers GROUP BY 1
            UNION ALL
            SELECT to_char(closed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'), 'declined', count(*)::int
            FROM suggestions WHERE status = 'declined' AND closed_at >= @start AND closed_at < @end GROUP BY 1
            UNION ALL
            SELECT to_char(formed_at AT TIME ZONE 'Europe/Berlin', 'YYYY-MM'), 'partnerships', count(*)::int
            FROM partnerships WHERE formed_at >= @start AND formed_at < @end GROUP BY 1
            """,
            new { start = period.Start.ToUniversalTime(), end = period.End.ToUniversalTime() },
            cancellationToken: cancellationToken))).ToDictionary(r => (r.Month, r.Measure), r => r.Count);

        var months = period.Months()
            .Select(month => month.ToString("yyyy-MM", CultureInfo.InvariantCulture))
            .Select(month => new MonthCounts(
                month,
                counts.GetValueOrDefault((month, "listings")),
                counts.GetValueOrDefault((month, "suggestions")),
                counts.GetValueOrDefault((month, "interest")),
                counts.GetValueOrDefault((month, "declined")),
                counts.GetValueOrDefault((month, "partnerships"))))
            .ToList();
        return new Counts(
            new ListedCounts(new KindCounts(byKind.GetValueOrDefault("offer"), byKind.GetValueOrDefault("request")), byTopic, byRegion, byRegionAndTopic),
            months);

        async Task<IReadOnlyList<CodeCounts>> ByCodeAsync(string column)
        {
            var rows = await connection.QueryAsync<CodeCounts>(new CommandDefinition(
                $"""
                SELECT code, (count(*) FILTER (WHERE l.kind = 'offer'))::int AS offers, (count(*) FILTER (WHERE l.kind = 'request'))::int AS requests
                {listings} CROSS JOIN LATERAL unnest(l.{column}) AS code {listed}
                GROUP BY code ORDER BY code
                """,
                new { now },
                cancellationToken: cancellationToken));
            return rows.ToList();
        }
    }
}
