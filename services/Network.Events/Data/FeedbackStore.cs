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
    /// <summary>
    /// Stores the feedback. For anonymous feedback the registration's mark and the feedback row are
    /// written in two transactions, the mark first: rows written in one transaction share its id
    /// (xmin), which would link the feedback to the registration. Its id is random (not a
    /// time-ordered version 7 guid) and its time only the day, for the same reason. Should the
    /// second write fail, the person has used their one feedback without it being stored, which
    /// is the lesser harm.
    /// </summary>
    /// <returns>The new feedback's id, or null when this registration gave feedback already.</returns>
    public async Task<Guid?> GiveAsync(Guid eventId, Guid registrationId, Guid accountId, int rating, string? text, bool anonymous, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            var marked = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE registrations SET feedback_given = true WHERE id = @registrationId AND NOT feedback_given",
                new { registrationId },
                transaction,
                cancellationToken: cancellationToken));
            if (marked == 0)
            {
                return null;
            }

            if (anonymous)
            {
                await transaction.CommitAsync(cancellationToken);
                await transaction.DisposeAsync();
                transaction = await connection.BeginTransactionAsync(cancellationToken);
            }

            var id = anonymous ? Guid.NewGuid() : Guid.CreateVersion7();
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
                    createdAt = anonymous ? Times.DayOf(now) : now,
                },
                transaction,
                cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return id;
        }
        finally
        {
            await transaction.DisposeAsync();
        }
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
