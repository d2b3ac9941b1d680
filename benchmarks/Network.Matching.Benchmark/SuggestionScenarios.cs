using Dapper;
using Network.Matching.Data;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Benchmark;

/// <summary>
/// Computing the suggestions for a new listing: <see cref="SuggestionStore.RankAsync"/> (the shortlist
/// of <see cref="CounterpartSql.Shortlist"/>, ranked by <see cref="MatchScoring.Rank"/>), which is what
/// `GET /listings/{id}/matches` shows and what a refresh stores, for listings not in the database yet:
/// offers and requests alternately, for each way a listing can say where it works. Beside each, the
/// shortlist query alone, so the report tells the database's share from the ranking's.
/// </summary>
internal static class SuggestionScenarios
{
    public const int Limit = 10;

    private const int Variants = 50;

    public static IReadOnlyList<Scenario> Create(
        SuggestionStore suggestions, NpgsqlDataSource dataSource, SyntheticListings synthetic, IReadOnlyList<SyntheticOrganisation> verified)
    {
        var scenarios = new List<Scenario>();
        foreach (var (style, name) in new[] { (RegionStyle.District, "district"), (RegionStyle.City, "city-wide"), (RegionStyle.Everywhere, "online/nationwide") })
        {
            var profiles = Enumerable.Range(0, Variants)
                .Select(i => synthetic.NewProfile(synthetic.Pick(verified), i % 2 == 0 ? ListingKind.Offer : ListingKind.Request, style))
                .ToList();
            scenarios.Add(new Scenario(
                $"suggestions: {name}",
                async (i, cancellationToken) => (await suggestions.RankAsync(profiles[i % profiles.Count], Limit, cancellationToken)).Count,
                now => CounterpartSql.Shortlist(profiles[0], now)));
            scenarios.Add(new Scenario(
                $"  shortlist query alone: {name}",
                async (i, cancellationToken) =>
                {
                    var (sql, parameters) = CounterpartSql.Shortlist(profiles[i % profiles.Count], DateTimeOffset.UtcNow);
                    await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                    return (await connection.QueryAsync(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).Count();
                },
                null));
        }

        return scenarios;
    }
}
