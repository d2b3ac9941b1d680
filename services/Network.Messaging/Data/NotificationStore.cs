using Dapper;
using Npgsql;

namespace Network.Messaging.Data;

public sealed record Notification(Guid Id, string Type, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt);

public sealed class NotificationStore(NpgsqlDataSource dataSource)
{
    /// <summary>One page of the inbox, newest first; the cursor is the last item of the previous page.</summary>
    public async Task<IReadOnlyList<Notification>> PageAsync(Guid accountId, bool unreadOnly, int limit, (DateTime CreatedAt, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Notification>(new CommandDefinition(
            """
            SELECT id, type, title, body, link, created_at, read_at
            FROM notifications
            WHERE account_id = @accountId
              AND (NOT @unreadOnly OR read_at IS NULL)
              AND (@afterCreatedAt::timestamptz IS NULL OR (created_at, id) < (@afterCreatedAt, @afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """,
            new { accountId, unreadOnly, limit, afterCreatedAt = after?.CreatedAt, afterId = after?.Id ?? Guid.Empty },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }

    /// <returns>false when the notification is not the account's (or does not exist).</returns>
    public async Task<bool> MarkReadAsync(Guid accountId, Guid notificationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE notifications SET read_at = coalesce(read_at, now()) WHERE id = @notificationId AND account_id = @accountId",
            new { accountId, notificationId },
            cancellationToken: cancellationToken)) == 1;
    }
}
