using System.Reflection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Data;
using Network.Testing;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>
/// A database of one test class on the test PostgreSQL, migrated as a service's would be: the shared
/// outbox and inbox first, then this assembly's own tables (Data/Migrations).
/// </summary>
public sealed class MigratedDatabase : IAsyncLifetime
{
    public static readonly Assembly[] Migrations = [typeof(DatabaseMigrator).Assembly, typeof(MigratedDatabase).Assembly];

    private TestDatabase? database;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("servicedefaults");
        DataSource = database.CreateDataSource();
        await new DatabaseMigrator(DataSource, Migrations, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await database!.DisposeAsync();
    }
}
