using Network.Matching.Domain;

namespace Network.Matching.Data;

/// <summary>A row of `listings` (aliased `l`) with its organisation's status from the read model (aliased `o`), as Dapper reads it.</summary>
internal sealed class ListingRow
{
    public const string Columns = """
        l.id, l.organisation_id, l.kind, l.status, l.title, l.description, l.topics, l.languages, l.regions,
        l.target_groups, l.format, l.valid_until, l.version, l.created_at, l.updated_at, l.withdrawn_at,
        l.hidden_at, l.hidden_reason, o.status AS organisation_status
        """;

    /// <summary>
    /// What is listed to everyone, as <see cref="ListingAccess.IsListed"/> says it, over `l` and `o`;
    /// needs `@now`. The partial index `listings_counterparts` covers its first two conditions.
    /// </summary>
    public const string Listed = "l.status = 'active' AND l.hidden_at IS NULL AND o.status = 'verified' AND (l.valid_until IS NULL OR l.valid_until > @now)";

    /// <summary>The tables <see cref="Columns"/> reads from; <paramref name="listings"/> is the table, or a CTE of changed rows.</summary>
    public static string From(string listings = "listings") => $"{listings} l LEFT JOIN organisations o ON o.id = l.organisation_id";

    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public string[] Topics { get; init; } = [];

    public string[] Languages { get; init; } = [];

    public string[] Regions { get; init; } = [];

    public string[] TargetGroups { get; init; } = [];

    public string Format { get; init; } = "";

    public DateTime? ValidUntil { get; init; }

    public int Version { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? WithdrawnAt { get; init; }

    public DateTime? HiddenAt { get; init; }

    public string? HiddenReason { get; init; }

    public string? OrganisationStatus { get; init; }

    public static object ContentParameters(ListingContent content) => new
    {
        title = content.Title,
        description = content.Description,
        topics = content.Topics.ToArray(),
        languages = content.Languages.ToArray(),
        regions = content.Regions.ToArray(),
        targetGroups = content.TargetGroups.ToArray(),
        format = EnumCodes.Of(content.Format),
        validUntil = content.ValidUntil,
        taxonomyText = Taxonomy.SearchText(content.Regions, content.Topics, content.Languages, content.TargetGroups),
    };

    public Listing ToListing() => new(
        Id,
        OrganisationId,
        EnumCodes.Parse<ListingKind>(Kind),
        EnumCodes.Parse<ListingStatus>(Status),
        new ListingContent(Title, Description, Topics, Languages, Regions, TargetGroups, EnumCodes.Parse<ListingFormat>(Format), Utc(ValidUntil)),
        Version,
        Utc(CreatedAt),
        Utc(UpdatedAt),
        Utc(WithdrawnAt),
        Utc(HiddenAt),
        HiddenReason,
        OrganisationStatus is null ? null : EnumCodes.Parse<Domain.OrganisationStatus>(OrganisationStatus));

    private static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;
}
