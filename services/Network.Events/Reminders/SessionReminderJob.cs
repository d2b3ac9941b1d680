using Dapper;
using Network.Contracts.Events;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Scheduling;
using Npgsql;

namespace Network.Events.Reminders;

/// <summary>
/// Reminds confirmed registrants of each session about 48 hours before it starts (SessionReminderDue,
/// which messaging turns into notifications). The record is per person (session_reminders): each
/// pass picks the confirmed registrations of sessions starting within 48 hours that have no row
/// yet, inserts their rows with ON CONFLICT DO NOTHING ... RETURNING, and writes one event per
/// session for the rows it inserted, all in one transaction. A second instance running at the same
/// moment waits on the first's uncommitted keys, then finds them taken and skips them; a crash
/// before commit leaves them for the next pass. So everyone is reminded once, whatever restarts or
/// runs twice, and whoever is confirmed after a session's first pass (a late registration, a
/// promotion) at the next one. Events hidden by moderation or cancelled are not reminded.
/// </summary>
public sealed partial class SessionReminderJob(NpgsqlDataSource dataSource, TimeProvider time, ILogger<SessionReminderJob> logger) : IPeriodicJob
{
    public const string IntervalSetting = "NETWORK_EVENTS_REMINDER_INTERVAL_SECONDS";
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMinutes(5);
    public static readonly TimeSpan Lead = TimeSpan.FromHours(48);

    /// <summary>At most this many people per pass, so one pass stays one short transaction.</summary>
    private const int BatchSize = 1_000;

    /// <summary>Runs before the pass commits; tests hold a pass open here to make two passes overlap for certain.</summary>
    internal Func<Task>? BeforeCommit { get; init; }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var claimed = (await connection.QueryAsync<ClaimedReminder>(new CommandDefinition(
            """
            WITH due AS (
                SELECT s.id AS session_id, r.id AS registration_id
                FROM sessions s
                JOIN events e ON e.id = s.event_id
                JOIN registrations r ON r.event_id = s.event_id
                WHERE s.starts_at > @now AND s.starts_at <= @horizon
                  AND e.status = 'scheduled' AND e.hidden_at IS NULL
                  AND r.status = 'confirmed' AND r.account_id IS NOT NULL
                  AND (r.session_ids IS NULL OR s.id = ANY(r.session_ids))
                  AND NOT EXISTS (SELECT 1 FROM session_reminders sr WHERE sr.session_id = s.id AND sr.registration_id = r.id)
                ORDER BY s.starts_at, r.sequence
                LIMIT @batch),
            claimed AS (
                INSERT INTO session_reminders (session_id, registration_id, reminded_at)
                SELECT session_id, registration_id, @now FROM due
                ON CONFLICT DO NOTHING
                RETURNING session_id, registration_id)
            SELECT s.id AS session_id, s.event_id, s.title AS session_title, s.starts_at, e.title AS event_title, r.account_id
            FROM claimed c
            JOIN sessions s ON s.id = c.session_id
            JOIN events e ON e.id = s.event_id
            JOIN registrations r ON r.id = c.registration_id
            ORDER BY s.starts_at, s.id, r.sequence
            """,
            new { now, horizon = now + Lead, batch = BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var session in claimed.GroupBy(reminder => reminder.SessionId))
        {
            var first = session.First();
            await Outbox.EnqueueAsync(transaction, new SessionReminderDue
            {
                EventId = first.EventId,
                SessionId = first.SessionId,
                EventTitle = first.EventTitle,
                SessionTitle = first.SessionTitle,
                StartsAt = new DateTimeOffset(DateTime.SpecifyKind(first.StartsAt, DateTimeKind.Utc)),
                AccountIds = session.Select(reminder => reminder.AccountId).ToList(),
                OccurredAt = now,
            }, cancellationToken);
        }

        if (BeforeCommit is { } beforeCommit)
        {
            await beforeCommit();
        }

        await transaction.CommitAsync(cancellationToken);
        if (claimed.Count > 0)
        {
            LogReminded(logger, claimed.Count);
        }

        return claimed.Count;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reminded {Count} registrants of their sessions")]
    private static partial void LogReminded(ILogger logger, int count);

    private sealed class ClaimedReminder
    {
        public Guid SessionId { get; init; }

        public Guid EventId { get; init; }

        public string SessionTitle { get; init; } = "";

        public DateTime StartsAt { get; init; }

        public string EventTitle { get; init; } = "";

        public Guid AccountId { get; init; }
    }
}
