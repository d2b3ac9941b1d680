using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Network.ServiceDefaults.Http;

namespace Network.Matching.Domain;

/// <summary>A checked search, with region codes already widened (<see cref="Taxonomy.RegionsMatching"/>).</summary>
public sealed record ListingSearchCriteria(
    IReadOnlyList<string> Words,
    ListingKind? Kind,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> TargetGroups,
    Guid? OrganisationId,
    int Limit,
    (DateTime At, Guid Id)? After,
    int Offset)
{
    /// <summary>With words to look for, results come by relevance; without, newest first.</summary>
    public bool ByRelevance => Words.Count > 0;
}

/// <summary>
/// The rules of `GET /api/matching/listings`: which parameters are valid. Without a search text the
/// list pages by keyset (<see cref="Paging"/>: the last created_at and id seen). By relevance there is
/// no stable key to continue from, so the cursor holds an offset; relevance pages are short lists
/// people read from the top.
/// </summary>
public static class ListingSearch
{
    public const int MaximumQueryLength = 200;
    public const int MaximumWords = 10;

    /// <summary>
    /// By relevance, the newest this many matches are ranked (ts_rank: title over description over
    /// the codes' labels; ties newest first); older matches follow them, newest first, so paging on
    /// still reaches every match. Ranking every match of a common word means reading every matching
    /// row (more than half of the benchmark's listings say "Beratung"); the newest matches are found by
    /// reading the newest listings in order, which stops early when the word is common. A search with
    /// at most this many matches ranks all of them.
    /// </summary>
    public const int RankedMatches = 500;

    private const string OffsetPrefix = "offset:";

    public static (ListingSearchCriteria? Criteria, Dictionary<string, string[]> Errors) Read(
        string? query,
        string? kind,
        IReadOnlyList<string>? topics,
        IReadOnlyList<string>? regions,
        IReadOnlyList<string>? languages,
        IReadOnlyList<string>? targetGroups,
        Guid? organisationId,
        int? limit,
        string? cursor)
    {
        var errors = new Dictionary<string, string[]>();

        IReadOnlyList<string> words = [];
        if (query is { Length: > MaximumQueryLength })
        {
            errors["query"] = [$"The search text may have at most {MaximumQueryLength} characters."];
        }
        else
        {
            words = Words(query);
        }

        ListingKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (EnumCodes.TryParse<ListingKind>(kind, out var k))
            {
                parsedKind = k;
            }
            else
            {
                errors["kind"] = [$"'{kind}' is not a kind of listing; use one of {EnumCodes.AllOf<ListingKind>()}."];
            }
        }

        var topicCodes = TaxonomyFilter.Read(topics, "topic", "topic", Taxonomy.IsTopic, errors);
        var regionCodes = TaxonomyFilter.Read(regions, "region", "region", Taxonomy.IsRegion, errors)
            .SelectMany(Taxonomy.RegionsMatching).Distinct(StringComparer.Ordinal).ToList();
        var languageCodes = TaxonomyFilter.Read(languages, "language", "language", Taxonomy.IsLanguage, errors);
        var targetGroupCodes = TaxonomyFilter.Read(targetGroups, "targetGroup", "target group", Taxonomy.IsTargetGroup, errors);

        // The keyset cursor is Paging's; an offset cursor (by relevance) is read here instead.
        var offset = 0;
        var offsetCursor = cursor is not null && TryDecodeOffset(cursor, out offset);
        var (effectiveLimit, after) = Paging.Read(limit, offsetCursor ? null : cursor, errors);
        if (!string.IsNullOrEmpty(cursor) && !errors.ContainsKey("cursor") && offsetCursor != (words.Count > 0))
        {
            // A cursor of the other ordering belongs to another search: refuse it rather than guess.
            errors["cursor"] = ["The cursor is not one this list handed out for this search."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new ListingSearchCriteria(
            words, parsedKind, topicCodes, regionCodes, languageCodes, targetGroupCodes, organisationId, effectiveLimit, after, offset), errors);
    }

    public static string EncodeOffset(int offset) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(OffsetPrefix + offset.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The words of a search text (see <see cref="SearchText.Words"/>).</summary>
    public static IReadOnlyList<string> Words(string? query) => SearchText.Words(query, MaximumWords);

    private static bool TryDecodeOffset(string cursor, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith(OffsetPrefix, StringComparison.Ordinal)
                && int.TryParse(text.AsSpan(OffsetPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
