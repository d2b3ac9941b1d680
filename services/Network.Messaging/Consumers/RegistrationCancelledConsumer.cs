using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The registrant hears that their registration is cancelled (by them or by the organiser).</summary>
public sealed class RegistrationCancelledConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<RegistrationCancelled>(dataSource)
{
    protected override Task HandleAsync(RegistrationCancelled message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.RegistrationCancelled, $"registration_cancelled:{message.RegistrationId}", NotificationTexts.RegistrationCancelled(message.EventTitle), WebPages.Event(message.EventId)),
            [message.AccountId],
            transaction,
            cancellationToken);
}
