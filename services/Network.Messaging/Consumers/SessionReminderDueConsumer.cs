using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The confirmed registrants are reminded of the session, once per session and start time.</summary>
public sealed class SessionReminderDueConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<SessionReminderDue>(dataSource)
{
    protected override Task HandleAsync(SessionReminderDue message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToAccountsAsync(
            new NotificationDraft(
                NotificationType.SessionReminder,
                $"session_reminder:{message.SessionId}:{message.StartsAt.UtcTicks}",
                NotificationTexts.SessionReminder(message.EventTitle, message.SessionTitle, message.StartsAt),
                WebPages.Event(message.EventId)),
            message.AccountIds,
            transaction,
            cancellationToken);
}
