namespace Network.Matching.Domain;

/// <summary>What a listing is: something an organisation offers, or a partner it is looking for.</summary>
public enum ListingKind
{
    Offer,
    Request,
}

/// <summary>How the offered or sought work happens.</summary>
public enum ListingFormat
{
    InPerson,
    Online,
    Hybrid,
}

/// <summary>Whether the organisation still stands by the listing. Expiry is <see cref="Listing.ValidUntil"/>, not a status.</summary>
public enum ListingStatus
{
    Active,
    Withdrawn,
}

/// <summary>The status of an organisation as the matching service last heard it from the directory.</summary>
public enum OrganisationStatus
{
    Pending,
    Verified,
    Rejected,
    Suspended,
}

/// <summary>What the organisation wrote about a listing, checked by <see cref="ListingRules"/>.</summary>
public sealed record ListingContent(
    string Title,
    string Description,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> TargetGroups,
    ListingFormat Format,
    DateTimeOffset? ValidUntil);

/// <summary>
/// A listing with what decides who sees it: its own status, expiry and moderation, and the status of
/// its organisation in the read model (null when the directory has not told us about it yet).
/// </summary>
public sealed record Listing(
    Guid Id,
    Guid OrganisationId,
    ListingKind Kind,
    ListingStatus Status,
    ListingContent Content,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? WithdrawnAt,
    DateTimeOffset? HiddenAt,
    string? HiddenReason,
    OrganisationStatus? OrganisationStatus)
{
    public DateTimeOffset? ValidUntil => Content.ValidUntil;

    public bool IsHidden => HiddenAt is not null;

    /// <summary>Held back because of its organisation: not verified (yet, or any more), or unknown to us so far.</summary>
    public bool IsHeld => OrganisationStatus is not Domain.OrganisationStatus.Verified;

    public bool IsExpired(DateTimeOffset now) => ValidUntil is { } until && until <= now;
}
