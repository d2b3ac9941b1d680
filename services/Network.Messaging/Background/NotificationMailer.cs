using Dapper;
using Network.Messaging.Domain;
using Network.Messaging.Realtime;
using Network.ServiceDefaults.Mail;
using Npgsql;

namespace Network.Messaging.Background;

/// <summary>
/// Mails the notifications whose recipients chose `email` for their type. A batch is claimed with
/// `FOR UPDATE SKIP LOCKED` and held while it is sent, so two instances never mail the same one;
/// a crash after sending but before the commit sends it again (at least once, never lost).
/// Addresses their owners have not confirmed are not mailed: the notification stays in-app. A mail
/// that fails waits before it is tried again, longer each time, so a mail server that is away for a
/// while does not use up the attempts of the mails that happen to be first in line.
/// </summary>
public sealed partial class NotificationMailer(
    NpgsqlDataSource dataSource, IMailSender sender, IConfiguration configuration, DatabaseListener listener, ILogger<NotificationMailer> logger)
    : SignalledWorker(listener, logger)
{
    public const int BatchSize = 20;
    /// <summary>With the wait after each failure (1, 2, 4 … minutes, at most an hour), about six hours of trying.</summary>
    public const int MaximumAttempts = 12;

    private readonly string baseUrl = configuration.PublicBaseUrl();

    protected override string? Channel => DatabaseSignals.Mail;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(15);

    public override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = (await connection.QueryAsync<Due>(new CommandDefinition(
            """
            SELECT n.id, n.title, n.body, n.link, n.email_attempts, a.email, a.locale, a.email_confirmed_at IS NOT NULL AS confirmed
            FROM notifications n JOIN accounts a ON a.id = n.account_id
            WHERE n.delivery = 'email' AND n.email_sent_at IS NULL AND n.email_given_up_at IS NULL
              AND (n.email_retry_at IS NULL OR n.email_retry_at <= now())
            ORDER BY n.created_at, n.id
            LIMIT @BatchSize
            FOR UPDATE OF n SKIP LOCKED
            """,
            new { BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();

        var sent = new List<Guid>();
        var unconfirmed = new List<Guid>();
        foreach (var notification in due)
        {
            if (!notification.Confirmed)
            {
                unconfirmed.Add(notification.Id);
                continue;
            }

            var (subject, text) = MailTexts.Single(new MailedNotification(notification.Title, notification.Body, notification.Link), notification.Locale, baseUrl);
            try
            {
                await sender.SendAsync(new OutgoingMail(notification.Email, subject, text), cancellationToken);
                sent.Add(notification.Id);
            }
            catch (Exception) when (cancellationToken.IsCancellationRequested)
            {
                // Shutting down (whatever the sender threw on its way out): what went out so far is
                // recorded below, or the next start would send it again.
                break;
            }
            catch (Exception exception)
            {
                // The mail server is most likely away or too slow (a cancellation we did not ask for, say a
                // timeout of the sender's own, counts as that too): the rest would fail as well. Try again next round.
                LogSendFailed(logger, notification.Id, notification.EmailAttempts + 1, exception.Message);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE notifications SET email_attempts = email_attempts + 1,
                        email_retry_at = now() + least(interval '1 minute' * power(2, email_attempts), interval '1 hour'),
                        email_given_up_at = CASE WHEN email_attempts + 1 >= @MaximumAttempts THEN now() END
                    WHERE id = @Id
                    """,
                    new { notification.Id, MaximumAttempts },
                    transaction));
                break;
            }
        }

        // Once mails have gone out, recording it is not cancelled: otherwise they would go out again.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications SET email_sent_at = now() WHERE id = ANY(@sent);
            UPDATE notifications SET email_given_up_at = now() WHERE id = ANY(@unconfirmed);
            """,
            new { sent, unconfirmed },
            transaction));
        await transaction.CommitAsync(CancellationToken.None);
        cancellationToken.ThrowIfCancellationRequested();
        return due.Count == BatchSize && sent.Count + unconfirmed.Count == due.Count;
    }

    private sealed record Due(Guid Id, string Title, string Body, string? Link, int EmailAttempts, string Email, string Locale, bool Confirmed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Notification {NotificationId} not mailed, attempt {Attempt}: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, Guid notificationId, int attempt, string reason);
}
