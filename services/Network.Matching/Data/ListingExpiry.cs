using Dapper;
using Network.Contracts.Matching;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Scheduling;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// What happens to listings as their `validUntil` comes: a week before, their organisation is
/// reminded once (ListingExpiryApproaching, which messaging turns into a notification); when it has
/// passed, the listing's suggestions close and ListingExpired is published. Search and the listing's
/// own page already treat it as expired from that moment; this is what must also happen once.
/// <para>
/// Each pass claims a batch of due listings with `FOR UPDATE SKIP LOCKED` and marks them in the same
/// transaction as the events it writes, so two instances never remind or expire the same listing, and
/// a pass cut short leaves nothing half done. Changing `validUntil` clears both marks (ListingStore).
/// </para>
/// </summary>
public sealed class ListingExpiry(NpgsqlDataSource dataSource, SuggestionStore suggestions, TimeProvider time) : IPeriodicJob
{
    /// <summary>How long before its end an organisation is reminded of a listing.</summary>
    public static readonly TimeSpan ReminderAhead = TimeSpan.FromDays(7);

    /// <summary>Listings handled per transaction, so one pass never holds many locks for long.</summary>
    public const int BatchSize = 100;

    /// <summary>Reminds and expires everything due now, batch by batch; returns how many listings it handled.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        int reminded = 0, expired = 0, batch;
        do
        {
            batch = await RemindAsync(cancellationToken);
            reminded += batch;
        }
        while (batch == BatchSize);

        do
        {
            batch = await ExpireAsync(cancellationToken);
            expired += batch;
        }
        while (batch == BatchSize);

        return reminded + expired;
    }

    private async Task<int> RemindAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var due = (await connection.QueryAsync<(Guid Id, Guid OrganisationId, string Title, DateTime ValidUntil)>(new CommandDefinition(
            """
            UPDATE listings SET expiry_reminded_at = @now
            WHERE id IN (
                SELECT id FROM listings
                WHERE status = 'active' AND valid_until IS NOT NULL AND valid_until > @now AND valid_until <= @remindFrom
                  AND expiry_reminded_at IS NULL
                ORDER BY valid_until
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING id, organisation_id, title, valid_until
            """,
            new { now, remindFrom = now + ReminderAhead, batch = BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var listing in due)
        {
            await Outbox.EnqueueAsync(transaction, new ListingExpiryApproaching
            {
                ListingId = listing.Id,
                OrganisationId = listing.OrganisationId,
                Title = listing.Title,
                ValidUntil = new DateTimeOffset(DateTime.SpecifyKind(listing.ValidUntil, DateTimeKind.Utc)),
                OccurredAt = now,
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }

    private async Task<int> ExpireAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SuggestionStore.LockForWritingAsync(transaction, cancellationToken);
        var due = (await connection.QueryAsync<(Guid Id, Guid OrganisationId, string Title)>(new CommandDefinition(
            """
            UPDATE listings SET expiry_handled_at = @now
            WHERE id IN (
                SELECT id FROM listings
                WHERE status = 'active' AND valid_until IS NOT NULL AND valid_until <= @now AND expiry_handled_at IS NULL
                ORDER BY valid_until
                LIMIT @batch
                FOR UPDATE SKIP LOCKED)
            RETURNING id, organisation_id, title
            """,
            new { now, batch = BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var listing in due)
        {
            await suggestions.RefreshAsync(listing.Id, transaction, cancellationToken);
            await Outbox.EnqueueAsync(transaction, new ListingExpired
            {
                ListingId = listing.Id,
                OrganisationId = listing.OrganisationId,
                Title = listing.Title,
                OccurredAt = now,
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return due.Count;
    }
}
