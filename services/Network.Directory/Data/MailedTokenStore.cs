using Dapper;
using Network.Contracts.Directory;
using Network.Directory.Domain;
using Network.Directory.Security;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>
/// The tokens we mail (address confirmation, password reset), kept as hashes, and what spending
/// one does. Each is spent by one conditional UPDATE, so two requests with the same token cannot
/// both succeed.
/// </summary>
public sealed class MailedTokenStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>A new token for the account, or null when it has had <see cref="MailedTokens.MaximumPerHour"/> of this kind in the last hour.</summary>
    public async Task<string?> IssueAsync(Guid accountId, MailedTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Locks the account row so that requests at the same moment count one after another.
        var recent = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM mailed_tokens WHERE account_id = a.id AND purpose = @purpose AND created_at > @since)
            FROM accounts a WHERE a.id = @accountId FOR UPDATE
            """,
            new { accountId, purpose = Name(purpose), since = now - TimeSpan.FromHours(1) }, transaction, cancellationToken: cancellationToken));
        if (recent is null or >= MailedTokens.MaximumPerHour)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM mailed_tokens WHERE account_id = @accountId AND expires_at < @now - interval '1 hour'",
            new { accountId, now }, transaction, cancellationToken: cancellationToken));
        var (token, hash) = OpaqueToken.Create();
        await InsertAsync(transaction, accountId, purpose, hash, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>The account a token would act on, if it is still good; nothing is spent.</summary>
    public async Task<Guid?> FindAccountAsync(string token, MailedTokenPurpose purpose, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            SELECT account_id FROM mailed_tokens
            WHERE token_hash = @hash AND purpose = @purpose AND used_at IS NULL AND expires_at > @now
            """,
            new { hash = OpaqueToken.Hash(token), purpose = Name(purpose), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Spends the confirmation token and marks the address confirmed.</summary>
    /// <returns>false when the token is unknown, used or expired.</returns>
    public async Task<bool> ConfirmEmailAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await SpendAsync(transaction, token, MailedTokenPurpose.EmailConfirmation, now, cancellationToken) is not { } accountId)
        {
            return false;
        }

        await ConfirmEmailAsync(transaction, accountId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>
    /// Spends the reset token and sets the new password. The mail proved the address, so it is
    /// confirmed too, and the lock of too many failed sign-ins is lifted. Every refresh token is
    /// revoked: whoever knew the old password is signed out.
    /// </summary>
    /// <returns>false when the token is unknown, used or expired.</returns>
    public async Task<bool> ResetPasswordAsync(string token, string newPasswordHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await SpendAsync(transaction, token, MailedTokenPurpose.PasswordReset, now, cancellationToken) is not { } accountId)
        {
            return false;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts
            SET password_hash = @newPasswordHash, consecutive_failed_sign_ins = 0, sign_in_locked_until = NULL,
                failed_sign_ins_in_window = 0, sign_in_window_started_at = NULL
            WHERE id = @accountId
            """,
            new { accountId, newPasswordHash }, transaction, cancellationToken: cancellationToken));
        await ConfirmEmailAsync(transaction, accountId, now, cancellationToken);
        await RefreshTokenStore.RevokeAllAsync(transaction, accountId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    internal static Task InsertAsync(NpgsqlTransaction transaction, Guid accountId, MailedTokenPurpose purpose, byte[] hash, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO mailed_tokens (token_hash, account_id, purpose, created_at, expires_at)
            VALUES (@hash, @accountId, @purpose, @now, @expiresAt)
            """,
            new { hash, accountId, purpose = Name(purpose), now, expiresAt = now + MailedTokens.Lifetime(purpose) },
            transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Marks the token used, if it is still good, and with it every other open token of the same
    /// kind for that account: once the address is confirmed or the password reset, older mails
    /// should not be able to do it again.
    /// </summary>
    private static async Task<Guid?> SpendAsync(NpgsqlTransaction transaction, string token, MailedTokenPurpose purpose, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var accountId = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(
            """
            UPDATE mailed_tokens SET used_at = @now
            WHERE token_hash = @hash AND purpose = @purpose AND used_at IS NULL AND expires_at > @now
            RETURNING account_id
            """,
            new { hash = OpaqueToken.Hash(token), purpose = Name(purpose), now }, transaction, cancellationToken: cancellationToken));
        if (accountId is { } id)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE mailed_tokens SET used_at = @now WHERE account_id = @id AND purpose = @purpose AND used_at IS NULL",
                new { id, purpose = Name(purpose), now }, transaction, cancellationToken: cancellationToken));
        }

        return accountId;
    }

    /// <summary>Confirms the address, once: the event goes out only when it was not confirmed before.</summary>
    private static async Task ConfirmEmailAsync(NpgsqlTransaction transaction, Guid accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var email = await transaction.Connection!.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "UPDATE accounts SET email_confirmed_at = @now WHERE id = @accountId AND email_confirmed_at IS NULL RETURNING email",
            new { accountId, now }, transaction, cancellationToken: cancellationToken));
        if (email is not null)
        {
            await Outbox.EnqueueAsync(transaction, new AccountEmailConfirmed { AccountId = accountId, Email = email, OccurredAt = now }, cancellationToken);
        }
    }

    private static string Name(MailedTokenPurpose purpose) => purpose switch
    {
        MailedTokenPurpose.EmailConfirmation => "email_confirmation",
        MailedTokenPurpose.PasswordReset => "password_reset",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}
