using MassTransit;

namespace Network.Contracts.Moderation;

/// <summary>Published by whichever service holds the reported content.</summary>
[MessageUrn("network:content-reported:v1")]
public sealed record ContentReported : IIntegrationEvent
{
    public required string Service { get; init; }
    public required string ContentType { get; init; }
    public required Guid ContentId { get; init; }
    public required string Reason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:moderation-decision-recorded:v1")]
public sealed record ModerationDecisionRecorded : IIntegrationEvent
{
    public required string Service { get; init; }
    public required string ContentType { get; init; }
    public required Guid ContentId { get; init; }
    public required string Decision { get; init; }
    public required string Reason { get; init; }
    public required Guid CoordinatorAccountId { get; init; }
    public Guid? OwnerOrganisationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
