using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The registrant hears that the event is full and where they stand on the waiting list.</summary>
public sealed class RegistrationWaitlistedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<RegistrationWaitlisted>(dataSource)
{
    protected override Task HandleAsync(RegistrationWaitlisted message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.RegistrationWaitlisted, $"registration_waitlisted:{message.RegistrationId}", NotificationTexts.RegistrationWaitlisted(message.EventTitle, message.WaitlistPosition), WebPages.Event(message.EventId)),
            [message.AccountId],
            transaction,
            cancellationToken);
}
