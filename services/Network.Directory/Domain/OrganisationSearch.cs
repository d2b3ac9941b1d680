using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Network.ServiceDefaults.Http;

namespace Network.Directory.Domain;

/// <summary>A checked search: everything the query needs, with region codes already widened (<see cref="Taxonomy.RegionsMatching"/>).</summary>
public sealed record OrganisationSearchCriteria(
    IReadOnlyList<string> Words,
    OrganisationKind? Kind,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> TargetGroups,
    OrganisationStatus Status,
    bool IncludeHidden,
    int Limit,
    OrganisationSearchCursor? After)
{
    /// <summary>With words to look for, results come by relevance; without, by name.</summary>
    public bool ByRelevance => Words.Count > 0;
}

/// <summary>
/// Where the previous page ended. By name: the last name and id seen (keyset, so pages stay stable
/// while organisations are added). By relevance there is no stable key to continue from, so the
/// cursor holds the offset; relevance pages are short lists people read from the top.
/// </summary>
public sealed record OrganisationSearchCursor(string? Name, Guid? Id, int? Offset)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Wire(Name, Id, Offset)));

    public static OrganisationSearchCursor? Decode(string cursor)
    {
        try
        {
            var wire = JsonSerializer.Deserialize<Wire>(Base64Url.DecodeFromChars(cursor));
            return wire switch
            {
                // A name with control characters was never handed out (profiles cannot have one).
                { N: not null, I: not null, O: null } when !TextRules.HasControlCharacters(wire.N, allowLineBreaks: false) => new(wire.N, wire.I, null),
                { N: null, I: null, O: >= 0 } => new(null, null, wire.O),
                _ => null,
            };
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }

    private sealed record Wire(string? N, Guid? I, int? O);
}

/// <summary>
/// The rules of `GET /api/directory/organisations`: which parameters are valid, and what the
/// public may ask for. Everyone searches verified organisations; only coordinators may list
/// another status (the verification queue is `status=pending`), and only they see organisations
/// hidden by moderation.
/// </summary>
public static class OrganisationSearch
{
    public const int MaximumQueryLength = 200;
    public const int MaximumWords = 10;

    public static (OrganisationSearchCriteria? Criteria, Dictionary<string, string[]> Errors, bool Forbidden) Read(
        Viewer viewer,
        string? query,
        string? kind,
        IReadOnlyList<string>? regions,
        IReadOnlyList<string>? topics,
        IReadOnlyList<string>? languages,
        IReadOnlyList<string>? targetGroups,
        string? status,
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

        OrganisationKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (EnumCodes.TryParse<OrganisationKind>(kind, out var k))
            {
                parsedKind = k;
            }
            else
            {
                errors["kind"] = [$"'{kind}' is not a kind of organisation; use one of {EnumCodes.AllOf<OrganisationKind>()}."];
            }
        }

        var regionCodes = TaxonomyFilter.Read(regions, "region", "region", Taxonomy.IsRegion, errors);
        var widenedRegions = regionCodes.SelectMany(Taxonomy.RegionsMatching).Distinct(StringComparer.Ordinal).ToList();
        var topicCodes = TaxonomyFilter.Read(topics, "topic", "topic", Taxonomy.IsTopic, errors);
        var languageCodes = TaxonomyFilter.Read(languages, "language", "language", Taxonomy.IsLanguage, errors);
        var targetGroupCodes = TaxonomyFilter.Read(targetGroups, "targetGroup", "target group", Taxonomy.IsTargetGroup, errors);

        var parsedStatus = OrganisationStatus.Verified;
        var forbidden = false;
        if (!string.IsNullOrEmpty(status))
        {
            if (!EnumCodes.TryParse(status, out parsedStatus))
            {
                errors["status"] = [$"'{status}' is not a status; use one of {EnumCodes.AllOf<OrganisationStatus>()}."];
            }
            else if (parsedStatus != OrganisationStatus.Verified && !viewer.IsCoordinator)
            {
                forbidden = true;
            }
        }

        var effectiveLimit = limit ?? Paging.DefaultLimit;
        if (effectiveLimit is < 1 or > Paging.MaximumLimit)
        {
            errors["limit"] = [$"The limit must be between 1 and {Paging.MaximumLimit}."];
        }

        OrganisationSearchCursor? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = OrganisationSearchCursor.Decode(cursor);
            // A cursor of the other ordering belongs to another search: refuse it rather than guess.
            if (after is null || (after.Offset is not null) != (words.Count > 0))
            {
                errors["cursor"] = ["The cursor is not one this list handed out for this search."];
            }
        }

        if (errors.Count > 0 || forbidden)
        {
            return (null, errors, forbidden && errors.Count == 0);
        }

        return (new OrganisationSearchCriteria(
            words, parsedKind, widenedRegions, topicCodes, languageCodes, targetGroupCodes,
            parsedStatus, IncludeHidden: viewer.IsCoordinator, effectiveLimit, after), errors, false);
    }

    /// <summary>The words of a search text (see <see cref="SearchText.Words"/>).</summary>
    public static IReadOnlyList<string> Words(string? query) => SearchText.Words(query, MaximumWords);
}
