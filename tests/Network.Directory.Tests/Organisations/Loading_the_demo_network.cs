using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.ServiceDefaults.Data;
using Network.Testing;
using Npgsql;

namespace Network.Directory.Tests.Organisations;

public sealed class Loading_the_demo_network : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("directory_demo");
        dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, [typeof(DatabaseMigrator).Assembly, typeof(OrganisationStore).Assembly], NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task An_empty_directory_gets_the_showcase_once_owned_by_the_coordinator_and_announced()
    {
        var coordinator = await AddAccountAsync("koordination@demo.test", isCoordinator: true);

        await LoaderWith("true").StartAsync(CancellationToken.None);
        await LoaderWith("true").StartAsync(CancellationToken.None);

        await using var connection = await dataSource.OpenConnectionAsync();
        var owners = (await connection.QueryAsync<Guid>("SELECT DISTINCT created_by_account_id FROM organisations")).ToList();
        Assert.Equal([coordinator], owners);
        Assert.Equal(DemoNetwork.ShowcaseSize, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM organisations"));
        var verified = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM organisations WHERE status = 'verified'");
        Assert.InRange(verified, DemoNetwork.ShowcaseSize / 2, DemoNetwork.ShowcaseSize - 1);
        var events = (await connection.QueryAsync<(string Type, int Count)>(
            "SELECT message_type, count(*)::int FROM outbox_messages GROUP BY message_type")).ToDictionary(e => e.Type, e => e.Count);
        Assert.Equal(DemoNetwork.ShowcaseSize, events["Network.Contracts.Directory.OrganisationRegistered"]);
        Assert.Equal(verified, events["Network.Contracts.Directory.OrganisationVerified"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("false")]
    [InlineData("yes please")]
    public async Task Nothing_is_loaded_unless_asked_for(string? setting)
    {
        await AddAccountAsync("koordination@demo.test", isCoordinator: true);

        await LoaderWith(setting).StartAsync(CancellationToken.None);

        Assert.Equal(0, await CountAsync());
    }

    [Fact]
    public async Task A_directory_with_an_organisation_in_it_is_left_alone()
    {
        var coordinator = await AddAccountAsync("koordination@demo.test", isCoordinator: true);
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            var profile = DemoNetwork.Generate(1, seed: 1).Single().Profile;
            await OrganisationStore.InsertAsync(transaction, Guid.NewGuid(), profile, OrganisationStatus.Pending, coordinator, DateTimeOffset.UtcNow, CancellationToken.None);
            await transaction.CommitAsync();
        }

        await LoaderWith("true").StartAsync(CancellationToken.None);

        Assert.Equal(1, await CountAsync());
    }

    [Fact]
    public async Task Without_a_coordinator_to_own_it_nothing_is_loaded()
    {
        await AddAccountAsync("someone@demo.test", isCoordinator: false);

        await LoaderWith("true").StartAsync(CancellationToken.None);

        Assert.Equal(0, await CountAsync());
    }

    private OrganisationDemoNetworkLoader LoaderWith(string? setting) => new(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [OrganisationDemoNetworkLoader.Setting] = setting,
            ["NETWORK_BOOTSTRAP_COORDINATOR_EMAIL"] = "koordination@demo.test",
        }).Build(),
        dataSource,
        TimeProvider.System,
        NullLogger<OrganisationDemoNetworkLoader>.Instance);

    private async Task<Guid> AddAccountAsync(string email, bool isCoordinator)
    {
        var id = Guid.CreateVersion7();
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            "INSERT INTO accounts (id, email, display_name, locale, password_hash, is_coordinator) VALUES (@id, @email, 'Koordination', 'de', 'x', @isCoordinator)",
            new { id, email, isCoordinator });
        return id;
    }

    private async Task<int> CountAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM organisations");
    }
}
