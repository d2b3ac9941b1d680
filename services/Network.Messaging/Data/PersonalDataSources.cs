using Dapper;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>Messaging's copy of the account: name, address and language, for writing to the person.</summary>
public sealed class AccountCopyPersonalData : IPersonalDataSource
{
    public string Section => "account";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync(new CommandDefinition(
            "SELECT id, display_name AS \"displayName\", email, locale, updated_at AS \"updatedAt\" FROM accounts WHERE id = @accountId",
            new { accountId }, cancellationToken: cancellationToken));

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM accounts WHERE id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
}

/// <summary>The person's notifications, read and unread.</summary>
public sealed class NotificationsPersonalData : IPersonalDataSource
{
    public string Section => "notifications";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync(new CommandDefinition(
            """
            SELECT id, type, title, body, link, created_at AS "createdAt", read_at AS "readAt"
            FROM notifications WHERE account_id = @accountId ORDER BY created_at
            """,
            new { accountId }, cancellationToken: cancellationToken))).ToList();

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM notifications WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
}
