using Dapper;
using Network.Directory.Domain;
using Network.Directory.Security;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>What presenting a refresh token came to: on success, the account and the token that replaces it.</summary>
public sealed record RefreshOutcome(RefreshTokenVerdict Verdict, Guid? AccountId = null, string? NewToken = null);

/// <summary>Refresh tokens, stored as hashes; see <see cref="RefreshTokens"/> for their rules.</summary>
public sealed partial class RefreshTokenStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<RefreshTokenStore> logger)
{
    public async Task<string> IssueAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Expired tokens are worth nothing, also not as evidence of theft; clearing them here keeps
        // the table as small as the number of live sessions.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM refresh_tokens WHERE account_id = @accountId AND expires_at < @now",
            new { accountId, now }, transaction, cancellationToken: cancellationToken));
        var token = await InsertAsync(transaction, accountId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return token;
    }

    /// <summary>
    /// Exchanges a refresh token for a new one. A token that was used before revokes every refresh
    /// token of its account, in the same transaction.
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(string token, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var hash = OpaqueToken.Hash(token);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // FOR UPDATE: of two requests with the same token, the second sees it used.
        var row = await connection.QuerySingleOrDefaultAsync<StoredToken>(new CommandDefinition(
            "SELECT account_id, expires_at, used_at, revoked_at FROM refresh_tokens WHERE token_hash = @hash FOR UPDATE",
            new { hash }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return new RefreshOutcome(RefreshTokenVerdict.Invalid);
        }

        var verdict = RefreshTokens.Judge(AccountStore.Utc(row.ExpiresAt)!.Value, AccountStore.Utc(row.UsedAt), AccountStore.Utc(row.RevokedAt), now);
        switch (verdict)
        {
            case RefreshTokenVerdict.Reused:
                await RevokeAllAsync(transaction, row.AccountId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                LogReuse(logger, row.AccountId);
                return new RefreshOutcome(verdict, row.AccountId);
            case RefreshTokenVerdict.Valid:
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE refresh_tokens SET used_at = @now WHERE token_hash = @hash",
                    new { hash, now }, transaction, cancellationToken: cancellationToken));
                var replacement = await InsertAsync(transaction, row.AccountId, now, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return new RefreshOutcome(verdict, row.AccountId, replacement);
            default:
                return new RefreshOutcome(verdict, row.AccountId);
        }
    }

    /// <summary>Revokes one token (signing out one session); an unknown token changes nothing.</summary>
    public async Task RevokeAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE token_hash = @hash AND revoked_at IS NULL",
            new { hash = OpaqueToken.Hash(token), now = time.GetUtcNow() }, cancellationToken: cancellationToken));
    }

    /// <summary>Signs the account out of every session: each of its refresh tokens is revoked.</summary>
    public async Task RevokeAllAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await RevokeAllAsync(transaction, accountId, time.GetUtcNow(), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The same, inside a transaction of the caller's (a password reset, an erasure).</summary>
    public static Task RevokeAllAsync(NpgsqlTransaction transaction, Guid accountId, DateTimeOffset now, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET revoked_at = @now WHERE account_id = @accountId AND revoked_at IS NULL",
            new { accountId, now }, transaction, cancellationToken: cancellationToken));

    private static async Task<string> InsertAsync(NpgsqlTransaction transaction, Guid accountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (token, hash) = OpaqueToken.Create();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO refresh_tokens (token_hash, account_id, created_at, expires_at)
            VALUES (@hash, @accountId, @now, @expiresAt)
            """,
            new { hash, accountId, now, expiresAt = now + RefreshTokens.Lifetime }, transaction, cancellationToken: cancellationToken));
        return token;
    }

    private sealed record StoredToken(Guid AccountId, DateTime ExpiresAt, DateTime? UsedAt, DateTime? RevokedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A used refresh token of account {AccountId} came back: all its refresh tokens are revoked")]
    private static partial void LogReuse(ILogger logger, Guid accountId);
}
