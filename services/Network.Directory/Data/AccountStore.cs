using Dapper;
using Network.Contracts.Directory;
using Network.Directory.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Directory.Data;

public sealed class AccountStore(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, email, display_name, locale, password_hash, is_coordinator";

    /// <summary>Creates the account and its AccountRegistered event in one transaction.</summary>
    /// <returns>false when the e-mail address is taken.</returns>
    public async Task<bool> CreateAsync(Account account, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO accounts (id, email, display_name, locale, password_hash, is_coordinator)
                VALUES (@Id, @Email, @DisplayName, @Locale, @PasswordHash, @IsCoordinator)
                """,
                account, transaction, cancellationToken: cancellationToken));
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            return false;
        }

        await Outbox.EnqueueAsync(transaction, new AccountRegistered
        {
            AccountId = account.Id,
            DisplayName = account.DisplayName,
            Email = account.Email,
            Locale = account.Locale,
            OccurredAt = DateTimeOffset.UtcNow,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<Account?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE lower(email) = lower(@email)", new { email }, cancellationToken: cancellationToken));
    }

    public async Task<Account?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<Account>(new CommandDefinition(
            $"SELECT {Columns} FROM accounts WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }

    public async Task MakeCoordinatorAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET is_coordinator = true WHERE id = @id", new { id }, cancellationToken: cancellationToken));
    }
}
