using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Data;
using Network.Testing;
using Npgsql;

namespace Network.Matching.Tests;

/// <summary>A database of a test's own with matching's migrations applied, as the service finds its database.</summary>
internal static class MatchingDatabase
{
    public static async Task<(TestDatabase Database, NpgsqlDataSource DataSource)> CreateAsync(string prefix)
    {
        // Rows are read with snake_case columns, as the service reads them (AddServiceDatabase sets this).
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        var database = await TestDatabase.CreateAsync(prefix);
        var dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, [typeof(DatabaseMigrator).Assembly, typeof(MatchingService).Assembly], NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        return (database, dataSource);
    }
}
