using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Tests.Support;
using Network.Testing;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Data;

/// <summary>Each test starts from a database of its own, fresh or not there at all.</summary>
public sealed class Migrating_a_database
{
    private const string Applied = "Applied migration";

    private static readonly int AllMigrations = MigratedDatabase.Migrations.Sum(assembly => DatabaseMigrator.Find(assembly).Count);

    [Fact]
    public async Task A_fresh_database_gets_the_outbox_and_inbox_then_the_services_own_tables()
    {
        await using var database = await TestDatabase.CreateAsync("migrations");
        await using var dataSource = database.CreateDataSource();

        await NewMigrator(dataSource).MigrateAsync(CancellationToken.None);

        await using var connection = await dataSource.OpenConnectionAsync();
        var tables = await connection.QueryAsync<string>(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name");
        Assert.Equal(["consumer_effects", "content_reports", "inbox_messages", "moderation_decisions", "outbox_messages", "schema_migrations"], tables);
        var recorded = await connection.QueryAsync<(string Source, int Version, string Name)>(
            "SELECT source, version, name FROM schema_migrations ORDER BY applied_at");
        Assert.Equal(
            [("Network.ServiceDefaults", 1, "outbox_and_inbox"), ("Network.ServiceDefaults", 2, "moderation"), ("Network.ServiceDefaults", 3, "search_query"), ("Network.ServiceDefaults.Tests", 1, "consumer_effects")],
            recorded);
    }

    [Fact]
    public async Task Migrating_a_second_time_applies_nothing()
    {
        await using var database = await TestDatabase.CreateAsync("migrations");
        await using var dataSource = database.CreateDataSource();
        var first = new CollectingLogger<DatabaseMigrator>();
        await NewMigrator(dataSource, first).MigrateAsync(CancellationToken.None);
        var recordedBefore = await RecordedAsync(dataSource);

        var second = new CollectingLogger<DatabaseMigrator>();
        var migrator = NewMigrator(dataSource, second);
        await migrator.MigrateAsync(CancellationToken.None);

        Assert.Equal(AllMigrations, first.Messages.Count(m => m.StartsWith(Applied, StringComparison.Ordinal)));
        Assert.DoesNotContain(second.Messages, m => m.StartsWith(Applied, StringComparison.Ordinal));
        Assert.Equal(recordedBefore, await RecordedAsync(dataSource));
        Assert.True(migrator.Completed);
    }

    [Fact]
    public async Task Two_instances_migrating_a_fresh_database_at_once_both_succeed_and_apply_each_migration_once()
    {
        await using var database = await TestDatabase.CreateAsync("migrations");
        await using var firstInstance = database.CreateDataSource();
        await using var secondInstance = database.CreateDataSource();
        var log = new ConcurrentQueue<string>();
        var first = NewMigrator(firstInstance, new CollectingLogger<DatabaseMigrator>(log));
        var second = NewMigrator(secondInstance, new CollectingLogger<DatabaseMigrator>(log));

        await Task.WhenAll(
            Task.Run(() => first.MigrateAsync(CancellationToken.None)),
            Task.Run(() => second.MigrateAsync(CancellationToken.None)));

        Assert.True(first.Completed);
        Assert.True(second.Completed);
        Assert.Equal(
            ["Applied migration Network.ServiceDefaults 1 outbox_and_inbox", "Applied migration Network.ServiceDefaults 2 moderation", "Applied migration Network.ServiceDefaults 3 search_query", "Applied migration Network.ServiceDefaults.Tests 1 consumer_effects"],
            log.Where(m => m.StartsWith(Applied, StringComparison.Ordinal)));
        Assert.Equal(AllMigrations, (await RecordedAsync(firstInstance)).Count);
    }

    [Fact]
    public async Task Ensuring_a_missing_database_creates_it_and_an_existing_one_is_left_alone()
    {
        await using var database = TestDatabase.Named("missing");

        await DatabaseStartup.EnsureDatabaseExistsAsync(database.ConnectionString, CancellationToken.None);
        Assert.True(await ExistsAsync(database.Name));

        await DatabaseStartup.EnsureDatabaseExistsAsync(database.ConnectionString, CancellationToken.None);
        Assert.True(await ExistsAsync(database.Name));
    }

    [Fact]
    public async Task Instances_starting_together_on_a_missing_database_all_come_up_on_one_migrated_database()
    {
        await using var database = TestDatabase.Named("missing");
        var log = new ConcurrentQueue<string>();
        var instances = Enumerable.Range(0, 3).Select(_ => database.CreateDataSource()).ToList();
        try
        {
            // What a service does at start-up; several replicas of it may start at the same moment.
            var startups = instances.Select(dataSource => new DatabaseStartup(
                dataSource,
                NewMigrator(dataSource, new CollectingLogger<DatabaseMigrator>(log)),
                NullLogger<DatabaseStartup>.Instance));

            await Task.WhenAll(startups.Select(startup => Task.Run(() => startup.StartAsync(CancellationToken.None))));

            Assert.True(await ExistsAsync(database.Name));
            Assert.Equal(AllMigrations, log.Count(m => m.StartsWith(Applied, StringComparison.Ordinal)));
            Assert.Equal(AllMigrations, (await RecordedAsync(instances[0])).Count);
        }
        finally
        {
            foreach (var dataSource in instances)
            {
                await dataSource.DisposeAsync();
            }
        }
    }

    private static DatabaseMigrator NewMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator>? logger = null) =>
        new(dataSource, MigratedDatabase.Migrations, logger ?? NullLogger<DatabaseMigrator>.Instance);

    private static async Task<IReadOnlyList<(string Source, int Version, DateTime AppliedAt)>> RecordedAsync(NpgsqlDataSource dataSource)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string, int, DateTime)>("SELECT source, version, applied_at FROM schema_migrations ORDER BY source, version");
        return rows.ToList();
    }

    private static async Task<bool> ExistsAsync(string databaseName)
    {
        await using var connection = new NpgsqlConnection(TestServers.PostgresServer + ";Database=postgres;Pooling=false");
        return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @databaseName)", new { databaseName });
    }
}
