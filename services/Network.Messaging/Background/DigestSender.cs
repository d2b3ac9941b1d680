using Dapper;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Mail;
using Network.ServiceDefaults.Scheduling;
using Npgsql;

namespace Network.Messaging.Background;

/// <summary>
/// Sends the daily digest: for each person, one mail with everything meant for the digest that was
/// written before the latest digest time (<see cref="DigestSchedule"/>). A periodic job
/// (ServiceDefaults' scheduling, every NETWORK_MESSAGING_DIGEST_INTERVAL_SECONDS, default 300)
/// looks for what is due; a person's rows are claimed with `FOR UPDATE SKIP LOCKED` and marked in
/// the same transaction, so with two instances (or a restart) each notification is in exactly one
/// digest. NETWORK_MESSAGING_DIGEST_HOUR_UTC sets the hour (default 6, i.e. 7:00 or 8:00 in Germany).
/// </summary>
public sealed partial class DigestSender(
    NpgsqlDataSource dataSource, IMailSender sender, IConfiguration configuration, TimeProvider time, ILogger<DigestSender> logger) : IPeriodicJob
{
    public const string HourSetting = "NETWORK_MESSAGING_DIGEST_HOUR_UTC";
    public const string IntervalSetting = "NETWORK_MESSAGING_DIGEST_INTERVAL_SECONDS";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    public const int AccountsPerRound = 50;

    private readonly string baseUrl = configuration.PublicBaseUrl();

    public DigestSchedule Schedule { get; } = new(ReadHour(configuration));

    /// <summary>Sends every digest due now, a round of people at a time.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var total = 0;
        int handled;
        do
        {
            handled = await SendDueAsync(now, cancellationToken);
            total += handled;
        }
        while (handled == AccountsPerRound);
        return total;
    }

    /// <summary>
    /// Sends the digests due at <paramref name="now"/> to up to <see cref="AccountsPerRound"/> people;
    /// returns how many were dealt with (fewer when a send failed or another instance had them).
    /// </summary>
    public async Task<int> SendDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var cutoff = Schedule.LatestCutoff(now);
        List<Guid> accounts;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            accounts = (await connection.QueryAsync<Guid>(new CommandDefinition(
                """
                SELECT DISTINCT account_id FROM notifications
                WHERE delivery = 'digest' AND digest_sent_at IS NULL AND created_at < @cutoff
                LIMIT @AccountsPerRound
                """,
                new { cutoff, AccountsPerRound },
                cancellationToken: cancellationToken))).ToList();
        }

        var handled = 0;
        foreach (var accountId in accounts)
        {
            if (await SendDigestAsync(accountId, cutoff, cancellationToken))
            {
                handled++;
            }
        }

        return handled;
    }

    private async Task<bool> SendDigestAsync(Guid accountId, DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var items = (await connection.QueryAsync<Item>(new CommandDefinition(
            """
            SELECT n.id, n.title, n.body, n.link, a.email, a.locale, a.email_confirmed_at IS NOT NULL AS confirmed
            FROM notifications n JOIN accounts a ON a.id = n.account_id
            WHERE n.account_id = @accountId AND n.delivery = 'digest' AND n.digest_sent_at IS NULL AND n.created_at < @cutoff
            ORDER BY n.created_at, n.id
            FOR UPDATE OF n SKIP LOCKED
            """,
            new { accountId, cutoff },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        if (items.Count == 0)
        {
            return false;
        }

        // Without a confirmed address there is nobody to mail; the items stay in the inbox.
        if (items[0].Confirmed)
        {
            var (subject, text) = MailTexts.Digest(items.Select(i => new MailedNotification(i.Title, i.Body, i.Link)).ToList(), items[0].Locale, baseUrl);
            try
            {
                await sender.SendAsync(new OutgoingMail(items[0].Email, subject, text), cancellationToken);
            }
            catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
            {
                // Left unmarked: the next round tries again (also after a timeout of the sender's own).
                LogSendFailed(logger, accountId, exception.Message);
                return false;
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET digest_sent_at = now() WHERE id = ANY(@ids)",
            new { ids = items.Select(i => i.Id).ToArray() },
            transaction));
        await transaction.CommitAsync(CancellationToken.None);
        return true;
    }

    private static int ReadHour(IConfiguration configuration) =>
        configuration[HourSetting] is { Length: > 0 } text
            ? int.TryParse(text, out var hour) && hour is >= 0 and < 24
                ? hour
                : throw new InvalidOperationException($"{HourSetting} must be an hour from 0 to 23, not '{text}'.")
            : DigestSchedule.DefaultHourUtc;

    private sealed record Item(Guid Id, string Title, string Body, string? Link, string Email, string Locale, bool Confirmed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest for account {AccountId} not sent: {Reason}")]
    private static partial void LogSendFailed(ILogger logger, Guid accountId, string reason);
}
