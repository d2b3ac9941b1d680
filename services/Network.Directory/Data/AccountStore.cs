using Dapper;
using Network.Contracts.Directory;
using Network.Directory.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Directory.Data;

public sealed class AccountStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Columns = "id, email, display_name, locale, password_hash, is_coordinator, email_confirmed_at IS NOT NULL AS email_confirmed";

    /// <summary>Creates the account and its AccountRegistered event in one transaction.</summary>
    /// <returns>false when the e-mail address is taken.</returns>
    public Task<bool> CreateAsync(Account account, CancellationToken cancellationToken) =>
        CreateAsync(account, confirmationTokenHash: null, cancellationToken);

    /// <summary>
    /// Creates the account, its AccountRegistered event and, when given, the token of its
    /// confirmation mail, in one transaction. An account that is confirmed already (the
    /// bootstrap coordinator) is stored as confirmed now.
    /// </summary>
    /// <returns>false when the e-mail address is taken.</returns>
    public async Task<bool> CreateAsync(Account account, byte[]? confirmationTokenHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO accounts (id, email, display_name, locale, password_hash, is_coordinator, email_confirmed_at)
                VALUES (@Id, @Email, @DisplayName, @Locale, @PasswordHash, @IsCoordinator, CASE WHEN @EmailConfirmed THEN @now END)
                """,
                new { account.Id, account.Email, account.DisplayName, account.Locale, account.PasswordHash, account.IsCoordinator, account.EmailConfirmed, now },
                transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        if (confirmationTokenHash is not null)
        {
            await MailedTokenStore.InsertAsync(transaction, account.Id, MailedTokenPurpose.EmailConfirmation, confirmationTokenHash, now, cancellationToken);
        }

        await Outbox.EnqueueAsync(transaction, new AccountRegistered
        {
            AccountId = account.Id,
            DisplayName = account.DisplayName,
            Email = account.Email,
            Locale = account.Locale,
            OccurredAt = now,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE lower(email) = lower(@email) AND erased_at IS NULL", new { email }, cancellationToken: cancellationToken));
    }

    public async Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE id = @id AND erased_at IS NULL", new { id }, cancellationToken: cancellationToken));
    }

    public async Task MakeCoordinatorAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET is_coordinator = true WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Asks <see cref="SignInThrottle"/> whether a password may be tried now and, if so, records the
    /// try as a failure before the password is checked. The row lock makes tries sent at the same
    /// moment count one after another.
    /// </summary>
    public async Task<SignInAttempt> BeginSignInAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ReadSignInStateAsync(transaction, accountId, cancellationToken);
        var attempt = SignInThrottle.Begin(state, now);
        if (attempt is SignInAttempt.Allowed allowed)
        {
            await WriteSignInStateAsync(transaction, accountId, allowed.State, newPasswordHash: null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return attempt;
    }

    /// <summary>Takes back the failure <see cref="BeginSignInAsync"/> counted, and stores a stronger hash when one was made.</summary>
    public async Task RecordSuccessfulSignInAsync(Guid accountId, string? newPasswordHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var state = await ReadSignInStateAsync(transaction, accountId, cancellationToken);
        await WriteSignInStateAsync(transaction, accountId, SignInThrottle.Succeeded(state, now), newPasswordHash, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>An account erased a moment ago reads as fresh; the update that follows then changes nothing.</summary>
    private static async Task<SignInState> ReadSignInStateAsync(NpgsqlTransaction transaction, Guid accountId, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<(int Consecutive, DateTime? LockedUntil, int InWindow, DateTime? WindowStartedAt)>(new CommandDefinition(
            """
            SELECT consecutive_failed_sign_ins, sign_in_locked_until, failed_sign_ins_in_window, sign_in_window_started_at
            FROM accounts WHERE id = @accountId FOR UPDATE
            """,
            new { accountId }, transaction, cancellationToken: cancellationToken));
        return new SignInState(row.Consecutive, Utc(row.LockedUntil), row.InWindow, Utc(row.WindowStartedAt));
    }

    private static Task WriteSignInStateAsync(NpgsqlTransaction transaction, Guid accountId, SignInState state, string? newPasswordHash, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE accounts
            SET consecutive_failed_sign_ins = @ConsecutiveFailures, sign_in_locked_until = @LockedUntil,
                failed_sign_ins_in_window = @FailuresInWindow, sign_in_window_started_at = @WindowStartedAt,
                password_hash = coalesce(@newPasswordHash, password_hash)
            WHERE id = @accountId
            """,
            new { accountId, state.ConsecutiveFailures, state.LockedUntil, state.FailuresInWindow, state.WindowStartedAt, newPasswordHash },
            transaction, cancellationToken: cancellationToken));

    internal static DateTimeOffset? Utc(DateTime? value) =>
        value is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
}
