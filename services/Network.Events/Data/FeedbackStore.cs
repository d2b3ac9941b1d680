using Dapper;
using Npgsql;

namespace Network.Events.Data;

public sealed record FeedbackEntry(Guid Id, int Rating, string? Text, bool Anonymous, string? ParticipantName, DateTimeOffset CreatedAt);

/// <summary>
/// Feedback after an event. That a registrant gave feedback is marked on their registration, so a
/// second one is refused; the feedback row of anonymous feedback holds no account and no
/// registration, so nothing links it back to the person.
/// </summary>
public sealed class FeedbackStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <returns>The new feedback's id, or null when this registration gave feedback already.</returns>
    public async Task<Guid?> GiveAsync(Guid eventId, Guid registrationId, Guid accountId, int rating, string? text, bool anonymous, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var marked = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE registrations SET feedback_given = true WHERE id = @registrationId AND NOT feedback_given",
            new { registrationId },
            transaction,
            cancellationToken: cancellationToken));
        if (marked == 0)
        {
            return null;
        }

        var id = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO feedback (id, event_id, account_id, rating, text, anonymous, created_at)
            VALUES (@id, @eventId, @accountId, @rating, @text, @anonymous, @createdAt)
            """,
            new
            {
                id,
                eventId,
                accountId = anonymous ? (Guid?)null : accountId,
                rating,
                text,
                anonymous,
                // Anonymous feedback keeps only the day, so the moment it was written does not point to who wrote it.
                createdAt = anonymous ? new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero) : now,
            },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return id;
    }

    public async Task<IReadOnlyList<FeedbackEntry>> ListAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, int Rating, string? Text, bool Anonymous, string? ParticipantName, DateTime CreatedAt)>(new CommandDefinition(
            """
            SELECT f.id, f.rating, f.text, f.anonymous,
                   (SELECT r.participant_name FROM registrations r WHERE r.event_id = f.event_id AND r.account_id = f.account_id ORDER BY r.sequence DESC LIMIT 1),
                   f.created_at
            FROM feedback f WHERE f.event_id = @eventId ORDER BY f.created_at, f.id
            """,
            new { eventId },
            cancellationToken: cancellationToken));
        return rows.Select(row => new FeedbackEntry(row.Id, row.Rating, row.Text, row.Anonymous, row.ParticipantName, Times.Utc(row.CreatedAt))).ToList();
    }
}
