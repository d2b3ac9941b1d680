namespace Network.Messaging.Domain;

/// <summary>The status of an organisation as messaging last heard it from the directory.</summary>
public enum OrganisationStatus
{
    Pending,
    Verified,
    Rejected,
    Suspended,
}

/// <summary>Who may open a conversation with an organisation (the organisation's own setting).</summary>
public enum FirstContact
{
    /// <summary>Any verified organisation (the default: the network is for finding each other).</summary>
    VerifiedOrganisations,

    /// <summary>Only organisations it has formed a partnership with.</summary>
    PartnersOnly,
}

/// <summary>An organisation as messaging's read model holds it.</summary>
public sealed record OrganisationProfile(
    Guid Id,
    string Name,
    string Kind,
    OrganisationStatus Status,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Topics,
    FirstContact FirstContact);
