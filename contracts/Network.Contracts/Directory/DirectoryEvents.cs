using MassTransit;

namespace Network.Contracts.Directory;

[MessageUrn("network:account-registered:v1")]
public sealed record AccountRegistered : IIntegrationEvent
{
    public required Guid AccountId { get; init; }
    public required string DisplayName { get; init; }
    public required string Email { get; init; }
    public required string Locale { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>The account's owner has shown that the address is theirs (by the confirmation or the password-reset mail).</summary>
[MessageUrn("network:account-email-confirmed:v1")]
public sealed record AccountEmailConfirmed : IIntegrationEvent
{
    public required Guid AccountId { get; init; }
    public required string Email { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:organisation-registered:v1")]
public sealed record OrganisationRegistered : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required IReadOnlyList<string> TargetGroups { get; init; }
    public required Guid CreatedByAccountId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:organisation-profile-updated:v1")]
public sealed record OrganisationProfileUpdated : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required string Name { get; init; }
    public required string Kind { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required IReadOnlyList<string> TargetGroups { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:organisation-verified:v1")]
public sealed record OrganisationVerified : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required Guid CoordinatorAccountId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:organisation-rejected:v1")]
public sealed record OrganisationRejected : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required Guid CoordinatorAccountId { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:organisation-suspended:v1")]
public sealed record OrganisationSuspended : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:organisation-reinstated:v1")]
public sealed record OrganisationReinstated : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:member-joined:v1")]
public sealed record MemberJoined : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required Guid AccountId { get; init; }
    public required string Role { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:member-left:v1")]
public sealed record MemberLeft : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required Guid AccountId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A member became org_admin or member (`Role`), by an org_admin's or coordinator's change or an accepted invitation.</summary>
[MessageUrn("network:member-role-changed:v1")]
public sealed record MemberRoleChanged : IIntegrationEvent
{
    public required Guid OrganisationId { get; init; }
    public required Guid AccountId { get; init; }
    public required string Role { get; init; }
    public required Guid ChangedByAccountId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>Every service erases or anonymises what it holds about the account.</summary>
[MessageUrn("network:personal-data-erasure-requested:v1")]
public sealed record PersonalDataErasureRequested : IIntegrationEvent
{
    public required Guid AccountId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
