using MassTransit;

namespace Network.Contracts.Messaging;

[MessageUrn("network:announcement-published:v1")]
public sealed record AnnouncementPublished : IIntegrationEvent
{
    public required Guid AnnouncementId { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> AudienceKinds { get; init; }
    public required IReadOnlyList<string> AudienceRegions { get; init; }
    public required IReadOnlyList<string> AudienceTopics { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
