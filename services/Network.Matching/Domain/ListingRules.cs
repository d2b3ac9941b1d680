using Network.ServiceDefaults.Http;
namespace Network.Matching.Domain;

/// <summary>A listing as a client sent it (or as a partial update leaves it): anything may be missing.</summary>
public sealed record ListingDraft(
    string? Title,
    string? Description,
    IReadOnlyList<string>? Topics,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<string>? Regions,
    IReadOnlyList<string>? TargetGroups,
    ListingFormat? Format,
    DateTimeOffset? ValidUntil);

/// <summary>
/// What a listing must be: each broken rule is reported against its field, all at once. Codes come
/// from the shared taxonomy (<see cref="Taxonomy"/>), the same list the directory checks profiles
/// against. Text is kept as written and returned as data, never interpreted.
/// </summary>
public static class ListingRules
{
    public const int MinimumTitleLength = 3;
    public const int MaximumTitleLength = 200;
    public const int MaximumDescriptionLength = 5_000;

    /// <summary>
    /// How many codes of each kind a listing may name. A listing that names every topic and every
    /// district fits nothing in particular, and would crowd every other listing's suggestions; these
    /// leave room for a real cross-cutting offer (interpreting in a dozen languages, a whole city).
    /// </summary>
    public const int MaximumTopics = 5;
    public const int MaximumLanguages = 12;
    public const int MaximumRegions = 13;
    public const int MaximumTargetGroups = 6;

    /// <summary>
    /// Checks the draft; when valid, returns the content with its text trimmed and duplicate codes
    /// removed. <paramref name="checkValidUntil"/> is false when an update leaves an end date alone:
    /// a listing that has expired may still have its text corrected.
    /// </summary>
    public static (ListingContent? Content, Dictionary<string, string[]> Errors) Validate(ListingDraft draft, DateTimeOffset now, bool checkValidUntil = true)
    {
        var errors = new Dictionary<string, string[]>();

        var title = draft.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length < MinimumTitleLength)
        {
            errors["title"] = [$"Enter a title of at least {MinimumTitleLength} characters."];
        }
        else if (title.Length > MaximumTitleLength)
        {
            errors["title"] = [$"The title may have at most {MaximumTitleLength} characters."];
        }
        else if (TextRules.HasControlCharacters(title, allowLineBreaks: false))
        {
            errors["title"] = ["The title must be one line without control characters."];
        }

        var description = draft.Description?.Trim() ?? string.Empty;
        if (description.Length > MaximumDescriptionLength)
        {
            errors["description"] = [$"The description may have at most {MaximumDescriptionLength} characters."];
        }
        else if (TextRules.HasControlCharacters(description, allowLineBreaks: true))
        {
            errors["description"] = ["The description may contain line breaks and tabs, but no other control characters."];
        }

        var topics = TaxonomyFilter.ReadChosen(draft.Topics, "topics", "topic", Taxonomy.IsTopic, required: true, errors);
        var languages = TaxonomyFilter.ReadChosen(draft.Languages, "languages", "language", Taxonomy.IsLanguage, required: true, errors);
        var regions = TaxonomyFilter.ReadChosen(draft.Regions, "regions", "region", Taxonomy.IsRegion, required: true, errors);
        var targetGroups = TaxonomyFilter.ReadChosen(draft.TargetGroups, "targetGroups", "target group", Taxonomy.IsTargetGroup, required: false, errors);
        AtMost(topics, MaximumTopics, "topics", "topics");
        AtMost(languages, MaximumLanguages, "languages", "languages");
        AtMost(regions, MaximumRegions, "regions", "regions");
        AtMost(targetGroups, MaximumTargetGroups, "targetGroups", "target groups");

        if (draft.Format is null)
        {
            errors["format"] = [$"Choose how the work happens: {EnumCodes.AllOf<ListingFormat>()}."];
        }

        if (checkValidUntil && draft.ValidUntil is { } validUntil && validUntil <= now)
        {
            errors["validUntil"] = ["The listing must be valid until a time in the future."];
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        // Kept in UTC: PostgreSQL stores an instant, and Npgsql writes only UTC offsets to timestamptz.
        return (new ListingContent(title!, description, topics, languages, regions, targetGroups, draft.Format!.Value, draft.ValidUntil?.ToUniversalTime()), errors);

        void AtMost(IReadOnlyList<string> codes, int maximum, string field, string what)
        {
            if (codes.Count > maximum && !errors.ContainsKey(field))
            {
                errors[field] = [$"Choose at most {maximum} {what}: the ones the listing is really about."];
            }
        }
    }

}
