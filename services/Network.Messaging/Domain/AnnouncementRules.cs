using Network.ServiceDefaults.Http;

namespace Network.Messaging.Domain;

/// <summary>What an announcement must be before it is sent to anyone.</summary>
public static class AnnouncementRules
{
    public const int MaximumTitleLength = 200;
    public const int MaximumBodyLength = 20_000;

    /// <summary>The organisation kinds of the directory (shared/API.md).</summary>
    public static readonly IReadOnlyList<string> OrganisationKinds = ["mso", "service_provider", "administration", "coordination"];

    public sealed record Draft(string? Title, string? Body, IReadOnlyList<string>? Kinds, IReadOnlyList<string>? Regions, IReadOnlyList<string>? Topics);

    /// <summary>The announcement's title, body and audience, or the faults by field.</summary>
    public static (string Title, string Body, AnnouncementAudience Audience)? Validate(Draft draft, IDictionary<string, string[]> errors)
    {
        var title = draft.Title?.Trim();
        if (string.IsNullOrEmpty(title))
        {
            errors["title"] = ["Give the announcement a title."];
        }
        else if (title.Length > MaximumTitleLength)
        {
            errors["title"] = [$"A title may have at most {MaximumTitleLength} characters."];
        }
        else if (TextRules.HasControlCharacters(title, allowLineBreaks: false))
        {
            errors["title"] = ["A title may not contain control characters or line breaks."];
        }

        var body = draft.Body;
        if (string.IsNullOrWhiteSpace(body))
        {
            errors["body"] = ["Write what you want to announce."];
        }
        else if (body.Length > MaximumBodyLength)
        {
            errors["body"] = [$"An announcement may have at most {MaximumBodyLength} characters; this one has {body.Length}."];
        }
        else if (TextRules.HasControlCharacters(body, allowLineBreaks: true))
        {
            errors["body"] = ["An announcement may not contain control characters other than line breaks and tabs."];
        }

        var kinds = TaxonomyFilter.Read(draft.Kinds, "audience.kinds", "organisation kind", OrganisationKinds.Contains, errors);
        var regions = TaxonomyFilter.Read(draft.Regions, "audience.regions", "region", Taxonomy.IsRegion, errors);
        var topics = TaxonomyFilter.Read(draft.Topics, "audience.topics", "topic", Taxonomy.IsTopic, errors);
        return errors.Count > 0 ? null : (title!, body!, new AnnouncementAudience(kinds, regions, topics));
    }
}
