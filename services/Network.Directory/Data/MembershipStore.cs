using System.Security.Claims;
using Dapper;
using Network.Contracts.Directory;
using Network.Directory.Domain;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>A member as the member list shows it.</summary>
public sealed record Member(Guid AccountId, string DisplayName, string Email, MemberRole Role, DateTimeOffset JoinedAt);

/// <summary>One of an account's memberships, with where its organisation stands.</summary>
public sealed record AccountMembership(Guid OrganisationId, string OrganisationName, MemberRole Role, OrganisationStatus OrganisationStatus);

/// <summary>What became of a change to the members of an organisation.</summary>
public enum MembershipChangeOutcome
{
    Changed,
    Unchanged,
    NotAMember,

    /// <summary>Refused: the organisation would be left without an org_admin.</summary>
    LastAdmin,
}

/// <summary>
/// Memberships of accounts in organisations. Changes that could leave an organisation without an
/// org_admin lock the organisation's row first, so two admins stepping down at the same moment
/// cannot both succeed.
/// </summary>
public sealed class MembershipStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>The person behind a request, with their memberships as they are now.</summary>
    public async Task<Viewer> ViewerAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.AccountId() is null)
        {
            return Viewer.Anonymous;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await ViewerAsync(user, connection, null, cancellationToken);
    }

    /// <summary>
    /// The same, on a connection the caller already holds: a caller inside a transaction must not
    /// wait for a second pooled connection, or enough of them at once exhaust the pool.
    /// </summary>
    public async Task<Viewer> ViewerAsync(ClaimsPrincipal user, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (user.AccountId() is not { } accountId)
        {
            return Viewer.Anonymous;
        }

        var memberships = await MembershipsOfAsync(accountId, connection, transaction, cancellationToken);
        return new Viewer(
            accountId,
            user.IsInRole(NetworkClaims.CoordinatorRole),
            memberships.ToDictionary(m => m.OrganisationId, m => m.Role),
            memberships.Any(m => m.OrganisationStatus == OrganisationStatus.Verified));
    }

    /// <summary>The organisations an account belongs to (for `GET /me` as well).</summary>
    public async Task<IReadOnlyList<AccountMembership>> MembershipsOfAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await MembershipsOfAsync(accountId, connection, null, cancellationToken);
    }

    private static async Task<IReadOnlyList<AccountMembership>> MembershipsOfAsync(
        Guid accountId, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var rows = await connection.QueryAsync<(Guid OrganisationId, string Name, string Role, string Status)>(new CommandDefinition(
            """
            SELECT m.organisation_id, o.name, m.role, o.status
            FROM memberships m JOIN organisations o ON o.id = m.organisation_id
            WHERE m.account_id = @accountId
            ORDER BY o.name, o.id
            """, new { accountId }, transaction, cancellationToken: cancellationToken));
        return rows.Select(r => new AccountMembership(r.OrganisationId, r.Name, EnumCodes.Parse<MemberRole>(r.Role), EnumCodes.Parse<OrganisationStatus>(r.Status))).ToList();
    }

    public async Task<IReadOnlyList<Member>> MembersAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid AccountId, string DisplayName, string Email, string Role, DateTime JoinedAt)>(new CommandDefinition(
            """
            SELECT a.id, a.display_name, a.email, m.role, m.joined_at
            FROM memberships m JOIN accounts a ON a.id = m.account_id
            WHERE m.organisation_id = @organisationId
            ORDER BY m.role = 'org_admin' DESC, a.display_name, a.id
            """, new { organisationId }, cancellationToken: cancellationToken));
        return rows.Select(r => new Member(
            r.AccountId, r.DisplayName, r.Email, EnumCodes.Parse<MemberRole>(r.Role), new DateTimeOffset(DateTime.SpecifyKind(r.JoinedAt, DateTimeKind.Utc)))).ToList();
    }

    /// <summary>Ends the account's membership, with MemberLeft; the last org_admin cannot leave.</summary>
    public async Task<MembershipChangeOutcome> LeaveAsync(Guid organisationId, Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (role, otherAdmins) = await LockAndReadAsync(transaction, organisationId, accountId, cancellationToken);
        if (role is null)
        {
            return MembershipChangeOutcome.NotAMember;
        }

        if (role == MemberRole.OrgAdmin && otherAdmins == 0)
        {
            return MembershipChangeOutcome.LastAdmin;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM memberships WHERE organisation_id = @organisationId AND account_id = @accountId",
            new { organisationId, accountId }, transaction, cancellationToken: cancellationToken));
        await Outbox.EnqueueAsync(transaction, new MemberLeft { OrganisationId = organisationId, AccountId = accountId, OccurredAt = now }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MembershipChangeOutcome.Changed;
    }

    /// <summary>Gives a member another role, with MemberRoleChanged; the last org_admin keeps theirs.</summary>
    public async Task<MembershipChangeOutcome> ChangeRoleAsync(Guid organisationId, Guid accountId, MemberRole newRole, Guid changedByAccountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var (role, otherAdmins) = await LockAndReadAsync(transaction, organisationId, accountId, cancellationToken);
        if (role is null)
        {
            return MembershipChangeOutcome.NotAMember;
        }

        if (role == newRole)
        {
            return MembershipChangeOutcome.Unchanged;
        }

        if (role == MemberRole.OrgAdmin && otherAdmins == 0)
        {
            return MembershipChangeOutcome.LastAdmin;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE memberships SET role = @role WHERE organisation_id = @organisationId AND account_id = @accountId",
            new { organisationId, accountId, role = EnumCodes.Of(newRole) }, transaction, cancellationToken: cancellationToken));
        await Outbox.EnqueueAsync(transaction, new MemberRoleChanged
        {
            OrganisationId = organisationId,
            AccountId = accountId,
            Role = EnumCodes.Of(newRole),
            ChangedByAccountId = changedByAccountId,
            OccurredAt = now,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return MembershipChangeOutcome.Changed;
    }

    /// <summary>
    /// Joins the account to the organisation (MemberJoined) inside the caller's transaction.
    /// An existing member keeps their membership, and an invitation to org_admin promotes them.
    /// </summary>
    /// <returns>true when the account is a new member.</returns>
    internal static async Task<bool> JoinAsync(
        NpgsqlTransaction transaction, Guid organisationId, Guid accountId, MemberRole role, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var existing = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT role FROM memberships WHERE organisation_id = @organisationId AND account_id = @accountId FOR UPDATE",
            new { organisationId, accountId }, transaction, cancellationToken: cancellationToken));
        if (existing is not null)
        {
            if (existing == EnumCodes.Of(MemberRole.Member) && role == MemberRole.OrgAdmin)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE memberships SET role = 'org_admin' WHERE organisation_id = @organisationId AND account_id = @accountId",
                    new { organisationId, accountId }, transaction, cancellationToken: cancellationToken));
                await Outbox.EnqueueAsync(transaction, new MemberRoleChanged
                {
                    OrganisationId = organisationId,
                    AccountId = accountId,
                    Role = EnumCodes.Of(role),
                    ChangedByAccountId = accountId,
                    OccurredAt = now,
                }, cancellationToken);
            }

            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO memberships (organisation_id, account_id, role, joined_at) VALUES (@organisationId, @accountId, @role, @now)",
            new { organisationId, accountId, role = EnumCodes.Of(role), now }, transaction, cancellationToken: cancellationToken));
        await Outbox.EnqueueAsync(transaction, new MemberJoined
        {
            OrganisationId = organisationId,
            AccountId = accountId,
            Role = EnumCodes.Of(role),
            OccurredAt = now,
        }, cancellationToken);
        return true;
    }

    /// <summary>Locks the organisation, then reads the account's role and how many other org_admins there are.</summary>
    private static async Task<(MemberRole? Role, int OtherAdmins)> LockAndReadAsync(
        NpgsqlTransaction transaction, Guid organisationId, Guid accountId, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT 1 FROM organisations WHERE id = @organisationId FOR UPDATE",
            new { organisationId }, transaction, cancellationToken: cancellationToken));
        var row = await connection.QuerySingleAsync<(string? Role, int OtherAdmins)>(new CommandDefinition(
            """
            SELECT
                (SELECT role FROM memberships WHERE organisation_id = @organisationId AND account_id = @accountId),
                (SELECT count(*)::int FROM memberships WHERE organisation_id = @organisationId AND role = 'org_admin' AND account_id <> @accountId)
            """, new { organisationId, accountId }, transaction, cancellationToken: cancellationToken));
        return (row.Role is null ? null : EnumCodes.Parse<MemberRole>(row.Role), row.OtherAdmins);
    }
}
