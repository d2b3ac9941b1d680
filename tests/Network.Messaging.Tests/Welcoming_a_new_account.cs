using Dapper;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Contracts.Directory;
using Network.Messaging;
using Network.Messaging.Consumers;
using Network.ServiceDefaults.Data;
using Network.Testing;
using Npgsql;

namespace Network.Messaging.Tests;

/// <summary>The AccountRegistered consumer on MassTransit's test harness, with a real database.</summary>
public sealed class Welcoming_a_new_account : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;
    private ServiceProvider services = null!;
    private ITestHarness harness = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync("messaging_consumer");
        dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, [typeof(DatabaseMigrator).Assembly, typeof(MessagingService).Assembly], NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
        services = new ServiceCollection()
            .AddSingleton(dataSource)
            .AddMassTransitTestHarness(bus => bus.AddConsumer<AccountRegisteredConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1))
            .BuildServiceProvider(validateScopes: true);
        harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
    }

    [Theory]
    [InlineData("de", "Willkommen bei Network")]
    [InlineData("en", "Welcome to Network")]
    public async Task The_new_account_gets_a_welcome_in_its_language(string locale, string title)
    {
        var account = NewAccount(locale);

        await PublishAsync(account, NewId.NextGuid());

        var welcome = await SingleWelcomeAsync(account.AccountId);
        Assert.Equal(title, welcome.Title);
        Assert.Contains(account.DisplayName, welcome.Body);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_greets_once()
    {
        var account = NewAccount("de");
        var messageId = NewId.NextGuid();

        await PublishAsync(account, messageId);
        await harness.Bus.Publish(account, context => context.MessageId = messageId);
        // The harness lists a message id once, so it cannot tell us when the duplicate is done.
        // The endpoint handles one message at a time, in order: once a later message is through,
        // so is the duplicate.
        await PublishAsync(NewAccount("de"), NewId.NextGuid());

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM notifications WHERE account_id = @AccountId", account));
    }

    [Fact]
    public async Task A_second_event_for_the_account_updates_the_copy_of_the_account()
    {
        var account = NewAccount("de");
        await PublishAsync(account, NewId.NextGuid());
        await PublishAsync(account with { DisplayName = "Neuer Name", Locale = "en" }, NewId.NextGuid());

        await using var connection = await dataSource.OpenConnectionAsync();
        var stored = await connection.QuerySingleAsync<(string DisplayName, string Locale)>(
            "SELECT display_name, locale FROM accounts WHERE id = @AccountId", account);
        Assert.Equal(("Neuer Name", "en"), stored);
    }

    public async Task DisposeAsync()
    {
        await harness.Stop();
        await services.DisposeAsync();
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    private static AccountRegistered NewAccount(string locale) => new()
    {
        AccountId = Guid.NewGuid(),
        DisplayName = "Tesfay Gebremedhin",
        Email = $"t.{Guid.NewGuid():N}@verein.de",
        Locale = locale,
        OccurredAt = DateTimeOffset.UtcNow,
    };

    private async Task PublishAsync(AccountRegistered account, Guid messageId)
    {
        await harness.Bus.Publish(account, context => context.MessageId = messageId);
        Assert.True(await harness.GetConsumerHarness<AccountRegisteredConsumer>().Consumed.Any<AccountRegistered>(m => m.Context.MessageId == messageId));
    }

    private async Task<(string Title, string Body)> SingleWelcomeAsync(Guid accountId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, string)>(
            "SELECT title, body FROM notifications WHERE account_id = @accountId AND type = 'welcome'", new { accountId });
    }
}
