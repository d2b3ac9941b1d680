using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Data;
using Npgsql;

namespace Network.Matching.Benchmark;

/// <summary>
/// A fresh database of the benchmark's own on the given server, with the matching service's migrations
/// applied as the service applies them at start-up. Dropped when disposed, unless asked to keep it.
/// </summary>
internal sealed class BenchmarkDatabase : IAsyncDisposable
{
    private readonly string server;
    private readonly bool keep;

    private BenchmarkDatabase(string server, string name, bool keep)
    {
        this.server = server;
        this.keep = keep;
        Name = name;
        DataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
    }

    public string Name { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<BenchmarkDatabase> CreateAsync(string server, bool keep, CancellationToken cancellationToken)
    {
        var name = "matching_benchmark_" + DateTime.UtcNow.ToString("yyyyMMdd_HHmmss", CultureInfo.InvariantCulture);
        await AdministerAsync(server, $"CREATE DATABASE \"{name}\"", cancellationToken);
        var database = new BenchmarkDatabase(server, name, keep);
        try
        {
            await new DatabaseMigrator(
                database.DataSource,
                [typeof(DatabaseMigrator).Assembly, typeof(MatchingService).Assembly],
                NullLogger<DatabaseMigrator>.Instance).MigrateAsync(cancellationToken);
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        if (keep)
        {
            Console.WriteLine($"Kept the database {Name}; drop it with: DROP DATABASE \"{Name}\"");
            return;
        }

        // Also after Ctrl-C: the token that was cancelled must not stop the clean-up.
        await AdministerAsync(server, $"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", CancellationToken.None);
        Console.WriteLine($"Dropped the database {Name}.");
    }

    private static async Task AdministerAsync(string server, string sql, CancellationToken cancellationToken)
    {
        var administration = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(administration.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
