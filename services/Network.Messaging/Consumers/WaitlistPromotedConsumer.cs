using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The first on the waiting list hears that a place became free and is theirs.</summary>
public sealed class WaitlistPromotedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<WaitlistPromoted>(dataSource)
{
    protected override Task HandleAsync(WaitlistPromoted message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.WaitlistPromoted, $"waitlist_promoted:{message.RegistrationId}", NotificationTexts.WaitlistPromoted(message.EventTitle), WebPages.Event(message.EventId)),
            [message.AccountId],
            transaction,
            cancellationToken);
}
