using System.Text.Json;

namespace Network.Directory.Domain;

/// <summary>On the wire and in the database: `mso`, `service_provider`, `administration`, `coordination`.</summary>
public enum OrganisationKind
{
    Mso,
    ServiceProvider,
    Administration,
    Coordination,
}

/// <summary>`pending`, `verified`, `rejected`, `suspended`; how one becomes another is <see cref="OrganisationLifecycle"/>.</summary>
public enum OrganisationStatus
{
    Pending,
    Verified,
    Rejected,
    Suspended,
}

/// <summary>A person's role in one organisation: `org_admin` or `member`.</summary>
public enum MemberRole
{
    OrgAdmin,
    Member,
}

/// <summary>
/// The snake_case names enums have on the wire (shared/API.md), used for the database and the
/// integration events as well, so a value reads the same everywhere.
/// </summary>
public static class EnumCodes
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    public static bool TryParse<TEnum>(string? code, out TEnum value)
        where TEnum : struct, Enum
    {
        foreach (var candidate in Enum.GetValues<TEnum>())
        {
            if (string.Equals(Of(candidate), code, StringComparison.Ordinal))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    public static TEnum Parse<TEnum>(string code)
        where TEnum : struct, Enum =>
        TryParse<TEnum>(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(TEnum).Name}.");

    public static string AllOf<TEnum>()
        where TEnum : struct, Enum => string.Join(", ", Enum.GetValues<TEnum>().Select(Of));
}

/// <summary>Someone people may contact at the organisation; personal data, shown only to members (<see cref="OrganisationAccess"/>).</summary>
public sealed record ContactPerson(string Name, string? Role, string? Email, string? Phone);

/// <summary>What an organisation says about itself: everything its admins may edit.</summary>
public sealed record OrganisationProfile(
    string Name,
    OrganisationKind Kind,
    string Description,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> TargetGroups,
    string? Website,
    string? Email,
    string? Phone,
    string? Address,
    IReadOnlyList<ContactPerson> ContactPersons);

/// <summary>An organisation as stored: its profile, where it stands, and who may see it.</summary>
public sealed record Organisation(
    Guid Id,
    OrganisationProfile Profile,
    OrganisationStatus Status,
    string? StatusReason,
    int Version,
    Guid CreatedByAccountId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? VerifiedAt,
    DateTimeOffset? HiddenAt,
    string? HiddenReason)
{
    /// <summary>Hidden by a coordinator's moderation decision.</summary>
    public bool IsHidden => HiddenAt is not null;
}
