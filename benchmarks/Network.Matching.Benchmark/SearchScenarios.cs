using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Matching.Benchmark;

/// <summary>
/// `GET /api/matching/listings` as its handler runs it: the query-string values read by
/// <see cref="ListingSearch.Read"/>, then <see cref="ListingStore.SearchAsync"/> (the SQL of
/// <see cref="ListingSearchSql.Build"/>, read into listings), for a signed-in member of one organisation.
/// </summary>
internal static class SearchScenarios
{
    private const int Variants = 50;

    private static readonly string[] RareLanguages = ["ka", "hy", "gsg", "am", "bn", "hi", "zh"];

    public static IReadOnlyList<Scenario> Create(
        ListingStore listings, ListingViewer viewer, SyntheticListings synthetic, IReadOnlyList<(DateTime At, Guid Id)> laterPages)
    {
        var districts = Taxonomy.Regions.SelectMany(r => r.Districts).ToList();
        string Kind() => synthetic.NextDouble() < 0.5 ? "offer" : "request";
        string District() => synthetic.Pick(districts).Code;
        string Word(int fromRank, int toRank) =>
            synthetic.ActivityWord(synthetic.NextDouble() < 0.7 ? Phrasebook.German : Phrasebook.English, fromRank, toRank);

        return
        [
            Search("search: newest first", () => new SearchRequest()),
            Search("search: newest first, later page", () =>
            {
                var (at, id) = synthetic.Pick(laterPages);
                return new SearchRequest(Cursor: Paging.EncodeCursor(at, id));
            }),
            Search("search: filter topic", () => new SearchRequest(Topic: [synthetic.Topic()])),
            Search("search: filter kind + district", () => new SearchRequest(Kind: Kind(), Region: [District()])),
            Search("search: filter district + language + group", () =>
                new SearchRequest(Region: [District()], Language: [synthetic.OtherLanguage()], TargetGroup: [synthetic.TargetGroup()])),
            Search("search: filter rare language", () => new SearchRequest(Language: [synthetic.Pick(RareLanguages)])),
            Search("search: text, rare word", () => new SearchRequest(Query: synthetic.Pick(synthetic.ProjectNames))),
            Search("search: text, word + district", () => new SearchRequest(Query: $"{Word(15, 60)} {synthetic.Pick(districts).De}")),
            Search("search: text + kind + district", () => new SearchRequest(Query: Word(5, 40), Kind: Kind(), Region: [District()])),
            Search("search: text, common word", () => new SearchRequest(Query: Word(0, 5))),
        ];

        Scenario Search(string name, Func<SearchRequest> variant)
        {
            var requests = Enumerable.Range(0, Variants).Select(_ => variant()).ToList();
            return new Scenario(
                name,
                async (i, cancellationToken) =>
                {
                    var rows = await listings.SearchAsync(requests[i % requests.Count].Criteria(), viewer, cancellationToken);
                    return rows.Count;
                },
                now => ListingSearchSql.Build(requests[0].Criteria(), viewer, now));
        }
    }

    /// <summary>The query-string values of one search, as a client sends them.</summary>
    private sealed record SearchRequest(
        string? Query = null,
        string? Kind = null,
        string[]? Topic = null,
        string[]? Region = null,
        string[]? Language = null,
        string[]? TargetGroup = null,
        string? Cursor = null)
    {
        public ListingSearchCriteria Criteria()
        {
            var (criteria, errors) = ListingSearch.Read(Query, Kind, Topic, Region, Language, TargetGroup, null, null, Cursor);
            return criteria ?? throw new InvalidOperationException(
                "The benchmark built an invalid search: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")));
        }
    }
}
