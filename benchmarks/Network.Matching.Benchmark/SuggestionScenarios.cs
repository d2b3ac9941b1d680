using Network.Matching.Data;
using Network.Matching.Domain;

namespace Network.Matching.Benchmark;

/// <summary>
/// Computing the suggestions for a new listing, for each way a listing can say where it works
/// (offers and requests alternately):
/// <list type="bullet">
/// <item>`suggestions`: <see cref="SuggestionStore.RankAsync"/> for listings not in the database,
/// what `GET /listings/{id}/matches` shows: every candidate ordered by the catalogue, then the best
/// candidates' rows read and ranked by <see cref="MatchScoring.Rank"/>;</item>
/// <item>`catalogue alone`: the in-memory part of that (catching up with the database included),
/// so the report tells it from reading the suggested rows;</item>
/// <item>`publish and store`: <see cref="ListingStore.PublishAsync"/>, the whole write: the listing
/// inserted under the write lock, its suggestions ranked, stored and their events written to the
/// outbox, in one transaction. Each run adds a listing, so the load grows by a few hundred.</item>
/// </list>
/// </summary>
internal static class SuggestionScenarios
{
    public const int Limit = 10;

    private const int Variants = 50;

    public static IReadOnlyList<Scenario> Create(
        SuggestionStore suggestions, CounterpartCatalogue catalogue, ListingStore listings, SyntheticListings synthetic, IReadOnlyList<SyntheticOrganisation> verified)
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
                null));
            scenarios.Add(new Scenario(
                $"  catalogue alone: {name}",
                async (i, cancellationToken) =>
                    (await catalogue.CounterpartsAsync(profiles[i % profiles.Count], DateTimeOffset.UtcNow, null, Limit, cancellationToken)).Count,
                null));
            scenarios.Add(new Scenario(
                $"  publish and store: {name}",
                async (i, cancellationToken) =>
                {
                    var profile = profiles[i % profiles.Count];
                    var content = new ListingContent(
                        profile.Title, profile.Description, profile.Topics, profile.Languages, profile.Regions, profile.TargetGroups, ListingFormat.Hybrid, null);
                    var listing = await listings.PublishAsync(profile.OrganisationId, profile.Kind, content, cancellationToken);
                    return listing.Id == Guid.Empty ? 0 : 1;
                },
                null));
        }

        return scenarios;
    }
}
