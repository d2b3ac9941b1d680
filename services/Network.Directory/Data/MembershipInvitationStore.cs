using Dapper;
using Network.Directory.Domain;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>An invitation as stored (never with its token: only the token's hash is kept).</summary>
public sealed record MembershipInvitation(Guid Id, Guid OrganisationId, string Email, MemberRole Role, DateTimeOffset ExpiresAt);

/// <summary>What became of accepting an invitation.</summary>
public enum InvitationAcceptance
{
    Joined,

    /// <summary>The account was a member already; nothing changed (or an invitation to org_admin promoted it).</summary>
    AlreadyMember,

    /// <summary>No such token, used already, or expired: to the client these are the same.</summary>
    Spent,

    /// <summary>The invitation was sent to another address than the signed-in account's.</summary>
    OtherAddress,
}

/// <summary>
/// Invitations to join an organisation, mailed to an address and accepted with the token in the
/// mail. A token is 32 random bytes stored as its SHA-256 hash; it works once, for
/// <see cref="Lifetime"/>, and only for the account with the invited address, so a forwarded or
/// intercepted mail does not let someone else in.
/// </summary>
public sealed class MembershipInvitationStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    /// <summary>
    /// How many invitations an organisation may send in a day. Anyone can register an organisation
    /// under any name and invite from it at once; without a cap that is a way to send mail in our
    /// name to anybody, and to crowd out the mails people are waiting for.
    /// </summary>
    public const int DailyLimitPerOrganisation = 25;

    public async Task<int> SentInLastDayAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*) FROM invitations WHERE organisation_id = @organisationId AND created_at > @since",
            new { organisationId, since = time.GetUtcNow() - TimeSpan.FromDays(1) },
            cancellationToken: cancellationToken));
    }

    public async Task<MembershipInvitation> CreateAsync(
        Guid organisationId, string email, MemberRole role, byte[] tokenHash, Guid invitedByAccountId, CancellationToken cancellationToken)
    {
        var invitation = new MembershipInvitation(Guid.CreateVersion7(), organisationId, email, role, time.GetUtcNow() + Lifetime);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO invitations (id, organisation_id, email, role, token_hash, invited_by_account_id, created_at, expires_at)
            VALUES (@Id, @OrganisationId, @Email, @role, @tokenHash, @invitedByAccountId, @now, @ExpiresAt)
            """,
            new { invitation.Id, invitation.OrganisationId, invitation.Email, role = EnumCodes.Of(role), tokenHash, invitedByAccountId, now = time.GetUtcNow(), invitation.ExpiresAt },
            cancellationToken: cancellationToken));
        return invitation;
    }

    /// <summary>Accepts the invitation for the account with <paramref name="accountEmail"/>: it joins (MemberJoined) and the token is spent, in one transaction.</summary>
    public async Task<(InvitationAcceptance Outcome, Guid? OrganisationId, MemberRole? Role)> AcceptAsync(
        byte[] tokenHash, Guid accountId, string accountEmail, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var invitations = await connection.QueryAsync<(Guid Id, Guid OrganisationId, string Email, string Role)>(new CommandDefinition(
            """
            SELECT id, organisation_id, email, role FROM invitations
            WHERE token_hash = @tokenHash AND accepted_at IS NULL AND expires_at > @now
            FOR UPDATE
            """, new { tokenHash, now }, transaction, cancellationToken: cancellationToken));
        var found = invitations.SingleOrDefault();
        if (found.Id == Guid.Empty)
        {
            return (InvitationAcceptance.Spent, null, null);
        }

        if (!string.Equals(found.Email.Trim(), accountEmail.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return (InvitationAcceptance.OtherAddress, null, null);
        }

        var role = EnumCodes.Parse<MemberRole>(found.Role);
        var joined = await MembershipStore.JoinAsync(transaction, found.OrganisationId, accountId, role, now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE invitations SET accepted_at = @now, accepted_by_account_id = @accountId WHERE id = @id",
            new { now, accountId, id = found.Id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return (joined ? InvitationAcceptance.Joined : InvitationAcceptance.AlreadyMember, found.OrganisationId, role);
    }
}
