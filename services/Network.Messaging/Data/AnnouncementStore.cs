using Dapper;
using Network.Contracts.Messaging;
using Network.Messaging.Domain;
using Network.Messaging.Realtime;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>An announcement and how far its delivery got (`pending`, then `delivered` with the number of people notified).</summary>
public sealed record Announcement(
    Guid Id, string Title, string Body, AnnouncementAudience Audience, string Status, int? RecipientCount, DateTime CreatedAt, DateTime? DeliveredAt);

/// <summary>Coordinators' announcements: written at once, fanned out later by <see cref="Background.AnnouncementFanOut"/>.</summary>
public sealed class AnnouncementStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, title, body, audience_kinds, audience_regions, audience_topics, status, recipient_count, created_at, delivered_at";

    /// <summary>Writes the announcement as pending and wakes a fan-out worker (at commit, on whichever instance).</summary>
    public async Task<Announcement> CreateAsync(string title, string body, AnnouncementAudience audience, Guid coordinatorAccountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleAsync<Row>(new CommandDefinition(
            $"""
            INSERT INTO announcements (id, title, body, audience_kinds, audience_regions, audience_topics, created_by_account_id, created_at, status)
            VALUES (@id, @title, @body, @kinds, @regions, @topics, @coordinatorAccountId, now(), 'pending')
            RETURNING {Columns}
            """,
            new
            {
                id = Guid.CreateVersion7(),
                title,
                body,
                kinds = audience.Kinds.ToArray(),
                regions = audience.Regions.ToArray(),
                topics = audience.Topics.ToArray(),
                coordinatorAccountId,
            },
            transaction,
            cancellationToken: cancellationToken));
        await DatabaseSignals.NotifyAsync(transaction, DatabaseSignals.Announcements, string.Empty, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row.ToAnnouncement();
    }

    /// <summary>
    /// Announcements newest first: all of them for a coordinator, otherwise those the account was
    /// notified of (those whose audience it belonged to when they went out).
    /// </summary>
    public async Task<IReadOnlyList<Announcement>> PageAsync(Guid? recipientAccountId, int limit, (DateTime At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM announcements a
            WHERE (@recipient::uuid IS NULL OR EXISTS (
                      SELECT 1 FROM notifications n WHERE n.account_id = @recipient AND n.source_key = 'announcement:' || a.id))
              AND (@afterAt::timestamptz IS NULL OR (a.created_at, a.id) < (@afterAt, @afterId))
            ORDER BY a.created_at DESC, a.id DESC
            LIMIT @limit
            """,
            new { recipient = recipientAccountId, limit, afterAt = after?.At, afterId = after?.Id ?? Guid.Empty },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToAnnouncement()).ToList();
    }

    public async Task<Announcement?> FindAsync(Guid id, Guid? recipientAccountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM announcements a
            WHERE a.id = @id AND (@recipient::uuid IS NULL OR EXISTS (
                      SELECT 1 FROM notifications n WHERE n.account_id = @recipient AND n.source_key = 'announcement:' || a.id))
            """,
            new { id, recipient = recipientAccountId },
            cancellationToken: cancellationToken));
        return row?.ToAnnouncement();
    }

    /// <summary>
    /// Claims the oldest pending announcement for <paramref name="lease"/>: no other worker takes it
    /// meanwhile, and if this one dies, the claim runs out and another worker finishes the job.
    /// </summary>
    public async Task<Announcement?> ClaimNextAsync(TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"""
            UPDATE announcements SET claimed_until = clock_timestamp() + @lease
            WHERE id = (SELECT id FROM announcements
                        WHERE status = 'pending' AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
                        ORDER BY created_at, id
                        LIMIT 1
                        FOR UPDATE SKIP LOCKED)
            RETURNING {Columns}
            """,
            new { lease },
            cancellationToken: cancellationToken));
        return row?.ToAnnouncement();
    }

    /// <summary>Notifies the members of one batch of organisations, in a transaction of its own, and extends the claim.</summary>
    public async Task<int> NotifyMembersAsync(Announcement announcement, IReadOnlyCollection<Guid> organisations, TimeSpan lease, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var written = await NotificationWriter.ToMembersAsync(Draft(announcement), organisations, transaction, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE announcements SET claimed_until = clock_timestamp() + @lease WHERE id = @Id",
            new { announcement.Id, lease },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>Marks the announcement delivered and publishes AnnouncementPublished, once.</summary>
    public async Task CompleteAsync(Announcement announcement, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var deliveredAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
            """
            UPDATE announcements SET status = 'delivered', delivered_at = now(), claimed_until = NULL,
                recipient_count = (SELECT count(*) FROM notifications WHERE source_key = @key)
            WHERE id = @Id AND status = 'pending'
            RETURNING delivered_at
            """,
            new { announcement.Id, key = SourceKey(announcement.Id) },
            transaction,
            cancellationToken: cancellationToken));
        if (deliveredAt is { } at)
        {
            await Outbox.EnqueueAsync(transaction, new AnnouncementPublished
            {
                AnnouncementId = announcement.Id,
                Title = announcement.Title,
                AudienceKinds = announcement.Audience.Kinds,
                AudienceRegions = announcement.Audience.Regions,
                AudienceTopics = announcement.Audience.Topics,
                OccurredAt = new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public static string SourceKey(Guid announcementId) => $"announcement:{announcementId}";

    // No link: the notification holds the whole announcement, and the web front end has no page of one
    // announcement for the people who received it.
    private static NotificationDraft Draft(Announcement announcement) => new(
        NotificationType.Announcement, SourceKey(announcement.Id), NotificationTexts.Announcement(announcement.Title, announcement.Body), null);

    // A class, not a positional record: Dapper reads text[] columns as System.Array, which matches no constructor.
    private sealed class Row
    {
        public Guid Id { get; init; }

        public string Title { get; init; } = "";

        public string Body { get; init; } = "";

        public string[] AudienceKinds { get; init; } = [];

        public string[] AudienceRegions { get; init; } = [];

        public string[] AudienceTopics { get; init; } = [];

        public string Status { get; init; } = "";

        public int? RecipientCount { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime? DeliveredAt { get; init; }

        public Announcement ToAnnouncement() => new(
            Id, Title, Body, new AnnouncementAudience(AudienceKinds, AudienceRegions, AudienceTopics), Status, RecipientCount, CreatedAt, DeliveredAt);
    }
}
