using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Network.ServiceDefaults.Data;

/// <summary>
/// Before the service takes requests: makes sure its database exists (a fresh PostgreSQL has only
/// `postgres`), then runs the migrations. PostgreSQL may still be starting, so it waits a while.
/// </summary>
internal sealed partial class DatabaseStartup(NpgsqlDataSource dataSource, DatabaseMigrator migrator, ILogger<DatabaseStartup> logger) : IHostedService
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + GiveUpAfter;
        while (true)
        {
            try
            {
                await EnsureDatabaseExistsAsync(dataSource.ConnectionString, cancellationToken);
                await migrator.MigrateAsync(cancellationToken);
                return;
            }
            catch (NpgsqlException exception) when (DateTimeOffset.UtcNow < deadline && exception is not PostgresException { SqlState: not ("57P03" or "3D000") })
            {
                // Not reachable yet, or starting up (57P03): try again shortly.
                LogWaiting(logger, exception.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    internal static async Task EnsureDatabaseExistsAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            await using var probe = new NpgsqlConnection(connectionString);
            await probe.OpenAsync(cancellationToken);
            return;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            // Falls through to create it.
        }

        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var databaseName = target.Database!;
        var maintenance = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE \"{databaseName.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (PostgresException exception) when (exception.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another instance created it a moment ago. When both passed PostgreSQL's name check at
            // once, the loser hears of it as a unique violation on pg_database, not as 42P04.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database not ready yet ({Reason}); retrying")]
    private static partial void LogWaiting(ILogger logger, string reason);
}
