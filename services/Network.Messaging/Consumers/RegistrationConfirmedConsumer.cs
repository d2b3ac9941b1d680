using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The registrant hears that their place is certain.</summary>
public sealed class RegistrationConfirmedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<RegistrationConfirmed>(dataSource)
{
    protected override Task HandleAsync(RegistrationConfirmed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.RegistrationConfirmed, $"registration_confirmed:{message.RegistrationId}", NotificationTexts.RegistrationConfirmed(message.EventTitle), WebPages.Event(message.EventId)),
            [message.AccountId],
            transaction,
            cancellationToken);
}
