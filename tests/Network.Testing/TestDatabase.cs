using Npgsql;

namespace Network.Testing;

/// <summary>A database of its own for one test class on the test PostgreSQL, dropped when disposed.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private TestDatabase(string name)
    {
        Name = name;
        ConnectionString = $"{TestServers.PostgresServer};Database={name}";
    }

    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>A name only; the service under test creates the database itself at start-up.</summary>
    public static TestDatabase Named(string prefix) => new($"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 33, 63)]);

    public static async Task<TestDatabase> CreateAsync(string prefix)
    {
        var database = Named(prefix);
        await using var connection = new NpgsqlConnection(TestServers.PostgresServer + ";Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    public NpgsqlDataSource CreateDataSource() => NpgsqlDataSource.Create(ConnectionString);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServers.PostgresServer + ";Database=postgres;Pooling=false");
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
