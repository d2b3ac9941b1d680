using System.Text.Json;
using Network.Directory.Domain;

namespace Network.Directory.Data;

/// <summary>A row of `organisations` as Dapper reads it, and its conversion to and from the domain.</summary>
internal sealed class OrganisationRow
{
    public const string Columns = """
        id, name, kind, status, status_reason, description, regions, topics, languages, target_groups,
        website, email, phone, address, contact_persons::text AS contact_persons, version,
        created_by_account_id, created_at, updated_at, verified_at, hidden_at, hidden_reason
        """;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Guid Id { get; init; }

    public string Name { get; init; } = "";

    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public string? StatusReason { get; init; }

    public string Description { get; init; } = "";

    public string[] Regions { get; init; } = [];

    public string[] Topics { get; init; } = [];

    public string[] Languages { get; init; } = [];

    public string[] TargetGroups { get; init; } = [];

    public string? Website { get; init; }

    public string? Email { get; init; }

    public string? Phone { get; init; }

    public string? Address { get; init; }

    public string ContactPersons { get; init; } = "[]";

    public int Version { get; init; }

    public Guid CreatedByAccountId { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public DateTime? VerifiedAt { get; init; }

    public DateTime? HiddenAt { get; init; }

    public string? HiddenReason { get; init; }

    public Organisation ToOrganisation() => new(
        Id,
        new OrganisationProfile(
            Name,
            EnumCodes.Parse<OrganisationKind>(Kind),
            Description,
            Regions,
            Topics,
            Languages,
            TargetGroups,
            Website,
            Email,
            Phone,
            Address,
            JsonSerializer.Deserialize<List<ContactPerson>>(ContactPersons, Json) ?? []),
        EnumCodes.Parse<OrganisationStatus>(Status),
        StatusReason,
        Version,
        CreatedByAccountId,
        Utc(CreatedAt),
        Utc(UpdatedAt),
        VerifiedAt is { } verified ? Utc(verified) : null,
        HiddenAt is { } hidden ? Utc(hidden) : null,
        HiddenReason);

    /// <summary>The profile's columns as parameters (`@name`, `@regions`, ...), for inserts and updates.</summary>
    public static Dictionary<string, object?> ProfileParameters(OrganisationProfile profile) => new()
    {
        ["name"] = profile.Name,
        ["kind"] = EnumCodes.Of(profile.Kind),
        ["description"] = profile.Description,
        ["regions"] = profile.Regions.ToArray(),
        ["topics"] = profile.Topics.ToArray(),
        ["languages"] = profile.Languages.ToArray(),
        ["targetGroups"] = profile.TargetGroups.ToArray(),
        ["website"] = profile.Website,
        ["email"] = profile.Email,
        ["phone"] = profile.Phone,
        ["address"] = profile.Address,
        ["contactPersons"] = ContactPersonsJson(profile.ContactPersons),
        ["taxonomyText"] = Taxonomy.SearchText(profile.Regions, profile.Topics, profile.Languages, profile.TargetGroups),
    };

    public static string ContactPersonsJson(IReadOnlyList<ContactPerson> persons) => JsonSerializer.Serialize(persons, Json);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
