using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Everyone registered (confirmed or waiting) hears that the event is off, and why.</summary>
public sealed class EventCancelledConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<EventCancelled>(dataSource)
{
    protected override Task HandleAsync(EventCancelled message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(
                NotificationType.EventCancelled,
                $"event_cancelled:{message.EventId}",
                NotificationTexts.EventCancelled(message.Title, message.Reason),
                WebPages.Event(message.EventId)),
            message.RegistrantAccountIds,
            transaction,
            cancellationToken);
}
