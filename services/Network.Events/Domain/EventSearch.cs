using Network.ServiceDefaults.Http;

namespace Network.Events.Domain;

/// <summary>A checked list query, regions already widened (<see cref="Taxonomy.RegionsMatching"/>).</summary>
public sealed record EventSearchCriteria(
    DateTimeOffset From,
    DateTimeOffset? To,
    EventKind? Kind,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    Guid? OrganiserOrganisationId,
    int Limit,
    (DateTime At, Guid Id)? After,
    IReadOnlyList<string>? Words = null,
    IReadOnlyList<string>? Languages = null);

/// <summary>
/// The parameters of `GET /api/events/events` and of the calendar feed. Without `from` the list
/// starts now: events whose last session has not ended yet. Events come in the order of their first
/// session, continued by a keyset cursor (first session, id). `query` finds events whose title or
/// description holds every one of its words; `language` those held in any of the languages named.
/// </summary>
public static class EventSearch
{
    public const int MaximumQueryLength = 200;

    /// <summary>More words than this narrow nothing a person would notice, and each costs a scan of the text.</summary>
    public const int MaximumQueryWords = 10;

    public static (EventSearchCriteria? Criteria, Dictionary<string, string[]> Errors) Read(
        string? from,
        string? to,
        string? kind,
        IReadOnlyList<string>? topics,
        IReadOnlyList<string>? regions,
        Guid? organiserOrganisationId,
        int? limit,
        string? cursor,
        DateTimeOffset now,
        string? query = null,
        IReadOnlyList<string>? languages = null)
    {
        var errors = new Dictionary<string, string[]>();
        var fromInstant = now;
        if (!string.IsNullOrEmpty(from))
        {
            var (parsed, error) = BerlinTime.Parse(from);
            if (error is not null)
            {
                errors["from"] = [error];
            }
            else
            {
                fromInstant = parsed!.Value;
            }
        }

        DateTimeOffset? toInstant = null;
        if (!string.IsNullOrEmpty(to))
        {
            var (parsed, error) = BerlinTime.ParseEnd(to);
            if (error is not null)
            {
                errors["to"] = [error];
            }
            else if (parsed < fromInstant)
            {
                errors["to"] = ["'to' must not come before 'from'."];
            }
            else
            {
                toInstant = parsed;
            }
        }

        EventKind? parsedKind = null;
        if (!string.IsNullOrEmpty(kind))
        {
            if (EnumCodes.TryParse<EventKind>(kind, out var k))
            {
                parsedKind = k;
            }
            else
            {
                errors["kind"] = [$"'{kind}' is not a kind of event; use one of {EnumCodes.AllOf<EventKind>()}."];
            }
        }

        var topicCodes = TaxonomyFilter.Read(topics, "topic", "topic", Taxonomy.IsTopic, errors);
        var regionCodes = TaxonomyFilter.Read(regions, "region", "region", Taxonomy.IsRegion, errors)
            .SelectMany(Taxonomy.RegionsMatching).Distinct(StringComparer.Ordinal).ToList();
        var languageCodes = TaxonomyFilter.Read(languages, "language", "language", Taxonomy.IsLanguage, errors);
        var words = (query ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (query is { Length: > MaximumQueryLength } || words.Length > MaximumQueryWords || (query is not null && TextRules.HasControlCharacters(query, allowLineBreaks: false)))
        {
            errors["query"] = [$"Search with at most {MaximumQueryWords} words and {MaximumQueryLength} characters on one line."];
        }

        var (effectiveLimit, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new EventSearchCriteria(fromInstant, toInstant, parsedKind, topicCodes, regionCodes, organiserOrganisationId, effectiveLimit, after, words, languageCodes), errors);
    }
}
