namespace Network.Contracts;

/// <summary>
/// Marks a past-tense record that one service publishes for others. Every event says when the
/// change happened; the message id (set by the outbox) identifies the delivery for idempotency.
/// </summary>
public interface IIntegrationEvent
{
    DateTimeOffset OccurredAt { get; }
}
