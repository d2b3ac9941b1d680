using System.Reflection;
using System.Text.RegularExpressions;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Network.ServiceDefaults.Data;

/// <summary>
/// Applies numbered SQL files (`Data/Migrations/NNNN_name.sql`, embedded in an assembly) in order,
/// each in its own transaction, and records them in `schema_migrations`. The shared platform
/// tables (outbox, inbox) come first, then the service's own. An advisory lock keeps two instances
/// starting together from applying the same file twice.
/// </summary>
public sealed partial class DatabaseMigrator(NpgsqlDataSource dataSource, IEnumerable<Assembly> migrationAssemblies, ILogger<DatabaseMigrator> logger)
{
    private const long MigrationLockKey = 7_246_387_123;

    private volatile bool completed;

    public bool Completed => completed;

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@MigrationLockKey)", new { MigrationLockKey });
        try
        {
            await connection.ExecuteAsync("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    source     text        NOT NULL,
                    version    integer     NOT NULL,
                    name       text        NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (source, version))
                """);
            foreach (var migration in migrationAssemblies.SelectMany(Find))
            {
                await ApplyAsync(connection, migration, cancellationToken);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@MigrationLockKey)", new { MigrationLockKey });
        }

        completed = true;
    }

    private async Task ApplyAsync(NpgsqlConnection connection, Migration migration, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var applied = await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM schema_migrations WHERE source = @Source AND version = @Version)",
            new { migration.Source, migration.Version }, transaction);
        if (applied)
        {
            return;
        }

        await connection.ExecuteAsync(migration.Sql, transaction: transaction);
        await connection.ExecuteAsync(
            "INSERT INTO schema_migrations (source, version, name) VALUES (@Source, @Version, @Name)",
            new { migration.Source, migration.Version, migration.Name }, transaction);
        await transaction.CommitAsync(cancellationToken);
        LogApplied(logger, migration.Source, migration.Version, migration.Name);
    }

    internal static IReadOnlyList<Migration> Find(Assembly assembly)
    {
        var source = assembly.GetName().Name!;
        var migrations = new List<Migration>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            var match = MigrationName().Match(resource);
            if (!match.Success)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            migrations.Add(new Migration(source, int.Parse(match.Groups["version"].Value), match.Groups["name"].Value, reader.ReadToEnd()));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"{source} has two migrations numbered {duplicate.Key}.");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    internal sealed record Migration(string Source, int Version, string Name, string Sql);

    [GeneratedRegex(@"\.Data\.Migrations\.(?<version>\d{4})_(?<name>[A-Za-z0-9_]+)\.sql$")]
    private static partial Regex MigrationName();

    [LoggerMessage(Level = LogLevel.Information, Message = "Applied migration {Source} {Version} {Name}")]
    private static partial void LogApplied(ILogger logger, string source, int version, string name);
}
