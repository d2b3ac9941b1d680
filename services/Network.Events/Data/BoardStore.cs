using Dapper;
using Npgsql;

namespace Network.Events.Data;

public sealed record BoardColumn(Guid Id, int Position, string Title);

public sealed record BoardPost(Guid Id, Guid ColumnId, Guid? AuthorAccountId, bool Anonymous, string Text, DateTimeOffset CreatedAt, DateTimeOffset? HiddenAt, string? HiddenReason);

/// <summary>Round-table boards: columns and the participants' posts (anonymous ones without an author).</summary>
public sealed class BoardStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <returns>False when the board was open already.</returns>
    public async Task<bool> OpenAsync(Guid eventId, IReadOnlyList<string> columns, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The event's row lock: two organisers opening the board at once open it once.
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM events WHERE id = @eventId FOR UPDATE", new { eventId }, transaction, cancellationToken: cancellationToken));
        var open = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM board_columns WHERE event_id = @eventId)", new { eventId }, transaction, cancellationToken: cancellationToken));
        if (open)
        {
            return false;
        }

        for (var position = 0; position < columns.Count; position++)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO board_columns (id, event_id, position, title) VALUES (@id, @eventId, @position, @title)",
                new { id = Guid.CreateVersion7(), eventId, position = position + 1, title = columns[position] },
                transaction,
                cancellationToken: cancellationToken));
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE events SET version = version + 1, updated_at = @now WHERE id = @eventId",
            new { eventId, now = time.GetUtcNow() },
            transaction,
            cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<(IReadOnlyList<BoardColumn> Columns, IReadOnlyList<BoardPost> Posts)> ReadAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var columns = (await connection.QueryAsync<(Guid Id, int Position, string Title)>(new CommandDefinition(
            "SELECT id, position, title FROM board_columns WHERE event_id = @eventId ORDER BY position",
            new { eventId },
            cancellationToken: cancellationToken))).Select(row => new BoardColumn(row.Id, row.Position, row.Title)).ToList();
        var posts = (await connection.QueryAsync<(Guid Id, Guid ColumnId, Guid? AuthorAccountId, bool Anonymous, string Text, DateTime CreatedAt, DateTime? HiddenAt, string? HiddenReason)>(new CommandDefinition(
            "SELECT id, column_id, author_account_id, anonymous, text, created_at, hidden_at, hidden_reason FROM board_posts WHERE event_id = @eventId ORDER BY created_at, id",
            new { eventId },
            cancellationToken: cancellationToken)))
            .Select(row => new BoardPost(row.Id, row.ColumnId, row.AuthorAccountId, row.Anonymous, row.Text, Times.Utc(row.CreatedAt), Times.Utc(row.HiddenAt), row.HiddenReason))
            .ToList();
        return (columns, posts);
    }

    /// <summary>
    /// Stores a post. An anonymous post gets a random id and keeps only the day it was written: a
    /// time-ordered id or the exact moment could be matched with who was active on the board then.
    /// </summary>
    public async Task<BoardPost> PostAsync(Guid eventId, Guid columnId, Guid authorAccountId, bool anonymous, string text, CancellationToken cancellationToken)
    {
        var id = anonymous ? Guid.NewGuid() : Guid.CreateVersion7();
        var now = anonymous ? Times.DayOf(time.GetUtcNow()) : time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var author = anonymous ? (Guid?)null : authorAccountId;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO board_posts (id, event_id, column_id, author_account_id, anonymous, text, created_at)
            VALUES (@id, @eventId, @columnId, @author, @anonymous, @text, @now)
            """,
            new { id, eventId, columnId, author, anonymous, text, now },
            cancellationToken: cancellationToken));
        return new BoardPost(id, columnId, author, anonymous, text, now, null, null);
    }
}
