using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Registrants are told when the time or place changed; other edits (a typo in the description) are not worth a message.</summary>
public sealed class EventUpdatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<EventUpdated>(dataSource)
{
    protected override Task HandleAsync(EventUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        !message.TimeOrPlaceChanged
            ? Task.CompletedTask
            : NotificationWriter.ToAccountsAsync(
                new NotificationDraft(
                    NotificationType.EventChanged,
                    $"event_changed:{message.EventId}:{message.OccurredAt.UtcTicks}",
                    NotificationTexts.EventChanged(message.Title),
                    WebPages.Event(message.EventId)),
                message.RegistrantAccountIds,
                transaction,
                cancellationToken);
}
