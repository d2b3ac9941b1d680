using Dapper;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>
/// The account itself. Erasure keeps the row, so the id others refer to stays valid, and replaces
/// everything that identifies the person; sign-in becomes impossible and every token is gone.
/// </summary>
public sealed class AccountPersonalData : IPersonalDataSource
{
    public const string ErasedDisplayName = "Gelöschtes Konto";

    public string Section => "account";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.QuerySingleOrDefaultAsync(new CommandDefinition(
            """
            SELECT id, email, display_name AS "displayName", locale, is_coordinator AS "isCoordinator",
                   created_at AS "createdAt", email_confirmed_at AS "emailConfirmedAt"
            FROM accounts WHERE id = @accountId
            """,
            new { accountId }, cancellationToken: cancellationToken));

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM refresh_tokens WHERE account_id = @accountId;
            DELETE FROM mailed_tokens WHERE account_id = @accountId;
            UPDATE accounts
            SET email = 'erased+' || id || '@invalid', display_name = @ErasedDisplayName, password_hash = '',
                is_coordinator = false, email_confirmed_at = NULL, erased_at = now()
            WHERE id = @accountId
            """,
            new { accountId, ErasedDisplayName }, transaction, cancellationToken: cancellationToken));
}

/// <summary>
/// The organisations the person belongs to. Erasure ends each membership and says so to the others;
/// where the person was the only org_admin, the member who joined first becomes org_admin (an
/// organisation without members stays with coordinators, who can invite).
/// </summary>
public sealed class MembershipsPersonalData(TimeProvider time) : IPersonalDataSource
{
    public string Section => "memberships";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync(new CommandDefinition(
            """
            SELECT m.organisation_id AS "organisationId", o.name AS "organisationName", m.role, m.joined_at AS "joinedAt"
            FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.account_id = @accountId ORDER BY m.joined_at
            """,
            new { accountId }, cancellationToken: cancellationToken))).ToList();

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        // The same locks leaving and role changes take, so the "at least one org_admin" rule holds
        // against them too; then whoever joined first takes over where the person was the only admin.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            SELECT id FROM organisations
            WHERE id IN (SELECT organisation_id FROM memberships WHERE account_id = @accountId)
            ORDER BY id FOR UPDATE
            """,
            new { accountId }, transaction, cancellationToken: cancellationToken));
        var successors = await connection.QueryAsync<(Guid OrganisationId, Guid AccountId)>(new CommandDefinition(
            """
            WITH sole AS (
                SELECT m.organisation_id FROM memberships m
                WHERE m.account_id = @accountId AND m.role = 'org_admin'
                  AND NOT EXISTS (SELECT 1 FROM memberships other
                                  WHERE other.organisation_id = m.organisation_id AND other.role = 'org_admin'
                                    AND other.account_id <> @accountId)
            ), successor AS (
                SELECT DISTINCT ON (m.organisation_id) m.organisation_id, m.account_id
                FROM memberships m JOIN sole ON sole.organisation_id = m.organisation_id
                WHERE m.account_id <> @accountId
                ORDER BY m.organisation_id, m.joined_at, m.account_id
            )
            UPDATE memberships m SET role = 'org_admin' FROM successor
            WHERE m.organisation_id = successor.organisation_id AND m.account_id = successor.account_id
            RETURNING m.organisation_id, m.account_id
            """,
            new { accountId }, transaction, cancellationToken: cancellationToken));
        foreach (var (organisationId, successorId) in successors)
        {
            await Outbox.EnqueueAsync(transaction, new MemberRoleChanged
            {
                OrganisationId = organisationId,
                AccountId = successorId,
                Role = "org_admin",
                ChangedByAccountId = accountId,
                OccurredAt = time.GetUtcNow(),
            }, cancellationToken);
        }

        var left = await connection.QueryAsync<Guid>(new CommandDefinition(
            "DELETE FROM memberships WHERE account_id = @accountId RETURNING organisation_id",
            new { accountId }, transaction, cancellationToken: cancellationToken));
        foreach (var organisationId in left)
        {
            await Outbox.EnqueueAsync(transaction, new MemberLeft { OrganisationId = organisationId, AccountId = accountId, OccurredAt = time.GetUtcNow() }, cancellationToken);
        }
    }
}

/// <summary>
/// Invitations mailed to the person's address, accepted or not. By address only once the address
/// is confirmed: otherwise anyone who signs up with someone else's address could read or delete
/// the invitations meant for them.
/// </summary>
public sealed class InvitationsPersonalData : IPersonalDataSource
{
    public string Section => "invitations";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken) =>
        (await connection.QueryAsync(new CommandDefinition(
            """
            SELECT i.organisation_id AS "organisationId", i.email, i.role, i.created_at AS "createdAt", i.accepted_at AS "acceptedAt"
            FROM invitations i JOIN accounts a
              ON (a.email_confirmed_at IS NOT NULL AND lower(a.email) = lower(i.email)) OR i.accepted_by_account_id = a.id
            WHERE a.id = @accountId ORDER BY i.created_at
            """,
            new { accountId }, cancellationToken: cancellationToken))).ToList();

    // Runs before the account's address is replaced: the sources run in registration order.
    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM invitations i USING accounts a
            WHERE a.id = @accountId
              AND ((a.email_confirmed_at IS NOT NULL AND lower(a.email) = lower(i.email)) OR i.accepted_by_account_id = a.id)
            """,
            new { accountId }, transaction, cancellationToken: cancellationToken));
}
