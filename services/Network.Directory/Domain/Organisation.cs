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
