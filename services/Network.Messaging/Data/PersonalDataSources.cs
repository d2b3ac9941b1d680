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
            """
            SELECT id, display_name AS "displayName", email, locale, email_confirmed_at AS "emailConfirmedAt", updated_at AS "updatedAt"
            FROM accounts WHERE id = @accountId
            """,
            new { accountId }, cancellationToken: cancellationToken));

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM accounts WHERE id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
}

/// <summary>The person's notifications, read and unread, and how each was delivered.</summary>
public sealed class NotificationsPersonalData : IPersonalDataSource
{
    public string Section => "notifications";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync(new CommandDefinition(
            """
            SELECT id, type, title, body, link, delivery, created_at AS "createdAt", read_at AS "readAt",
                   email_sent_at AS "emailSentAt", digest_sent_at AS "digestSentAt"
            FROM notifications WHERE account_id = @accountId ORDER BY created_at
            """,
            new { accountId }, cancellationToken: cancellationToken))).ToList();

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM notifications WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
}

/// <summary>How the person chose to hear of each type of notification.</summary>
public sealed class PreferencesPersonalData : IPersonalDataSource
{
    public string Section => "preferences";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync(new CommandDefinition(
            "SELECT type, delivery, updated_at AS \"updatedAt\" FROM notification_preferences WHERE account_id = @accountId ORDER BY type",
            new { accountId }, cancellationToken: cancellationToken))).ToList();

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM notification_preferences WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
}

/// <summary>Which organisations the person belongs to, as the directory told us (whose shared inbox they see).</summary>
public sealed class MembershipsPersonalData : IPersonalDataSource
{
    public string Section => "memberships";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync(new CommandDefinition(
            """
            SELECT organisation_id AS "organisationId", role, active, changed_at AS "changedAt"
            FROM memberships WHERE account_id = @accountId ORDER BY changed_at
            """,
            new { accountId }, cancellationToken: cancellationToken))).ToList();

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM memberships WHERE account_id = @accountId", new { accountId }, transaction, cancellationToken: cancellationToken));
}

/// <summary>
/// The messages the person wrote for their organisation. Erasure unlinks the person from them; the
/// messages stay, because they are the organisations' correspondence and the other side holds a
/// reply to them. Announcements a coordinator sent are unlinked the same way.
/// </summary>
public sealed class AuthoredPersonalData : IPersonalDataSource
{
    public string Section => "authored";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var messages = (await connection.QueryAsync(new CommandDefinition(
            """
            SELECT id, conversation_id AS "conversationId", sender_organisation_id AS "organisationId", text, created_at AS "createdAt"
            FROM messages WHERE sender_account_id = @accountId ORDER BY created_at
            """,
            new { accountId }, cancellationToken: cancellationToken))).ToList();
        var announcements = (await connection.QueryAsync(new CommandDefinition(
            "SELECT id, title, body, created_at AS \"createdAt\" FROM announcements WHERE created_by_account_id = @accountId ORDER BY created_at",
            new { accountId }, cancellationToken: cancellationToken))).ToList();
        return messages.Count == 0 && announcements.Count == 0 ? null : new { messages, announcements };
    }

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE messages SET sender_account_id = NULL WHERE sender_account_id = @accountId;
            UPDATE announcements SET created_by_account_id = NULL WHERE created_by_account_id = @accountId;
            """,
            new { accountId }, transaction, cancellationToken: cancellationToken));
}
