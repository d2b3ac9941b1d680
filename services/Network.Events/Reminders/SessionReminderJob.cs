using Dapper;
using Network.Contracts.Events;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Scheduling;
using Npgsql;

namespace Network.Events.Reminders;

/// <summary>
/// Reminds confirmed registrants of each session about 48 hours before it starts (SessionReminderDue,
/// which messaging turns into notifications). A pass claims the sessions that fell due with one
/// UPDATE ... WHERE reminded_at IS NULL ... RETURNING and writes their events to the outbox in the
/// same transaction: a second instance running at the same moment waits for the first's row locks,
/// then finds reminded_at set and skips them; a crash before commit leaves them unclaimed for the
/// next pass. So every session is reminded once, whatever restarts or runs twice. A session created
/// or moved to less than 48 hours ahead is reminded at the next pass.
/// </summary>
public sealed partial class SessionReminderJob(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SessionReminderJob> logger) : IPeriodicJob
{
    public const string IntervalSetting = "NETWORK_EVENTS_REMINDER_INTERVAL_SECONDS";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Lead = TimeSpan.FromHours(48);

    /// <summary>At most this many sessions per pass, so one pass stays one short transaction.</summary>
    private const int BatchSize = 100;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = (await connection.QueryAsync<DueSession>(new CommandDefinition(
            """
            WITH due AS (
                SELECT s.id FROM sessions s JOIN events e ON e.id = s.event_id
                WHERE s.reminded_at IS NULL AND e.status = 'scheduled' AND s.starts_at > @now AND s.starts_at <= @horizon
                ORDER BY s.starts_at
                LIMIT @batch)
            UPDATE sessions s SET reminded_at = @now
            FROM due, events e
            WHERE s.id = due.id AND e.id = s.event_id AND s.reminded_at IS NULL
            RETURNING s.id AS session_id, s.event_id, s.title AS session_title, s.starts_at, e.title AS event_title
            """,
            new { now, horizon = now + Lead, batch = BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var session in due)
        {
            var accountIds = (await connection.QueryAsync<Guid>(new CommandDefinition(
                """
                SELECT account_id FROM registrations
                WHERE event_id = @EventId AND status = 'confirmed' AND account_id IS NOT NULL
                  AND (session_ids IS NULL OR @SessionId = ANY(session_ids))
                ORDER BY sequence
                """,
                new { session.EventId, session.SessionId },
                transaction,
                cancellationToken: cancellationToken))).ToList();
            if (accountIds.Count == 0)
            {
                continue;
            }

            await Outbox.EnqueueAsync(transaction, new SessionReminderDue
            {
                EventId = session.EventId,
                SessionId = session.SessionId,
                EventTitle = session.EventTitle,
                SessionTitle = session.SessionTitle,
                StartsAt = new DateTimeOffset(DateTime.SpecifyKind(session.StartsAt, DateTimeKind.Utc)),
                AccountIds = accountIds,
                OccurredAt = now,
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (due.Count > 0)
        {
            LogReminded(logger, due.Count);
        }

        return due.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Claimed {Count} sessions for their reminder")]
    private static partial void LogReminded(ILogger logger, int count);

    private sealed class DueSession
    {
        public Guid SessionId { get; init; }

        public Guid EventId { get; init; }

        public string SessionTitle { get; init; } = "";

        public DateTime StartsAt { get; init; }

        public string EventTitle { get; init; } = "";
    }
}
