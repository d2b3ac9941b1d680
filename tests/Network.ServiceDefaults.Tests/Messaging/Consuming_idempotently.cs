using Dapper;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Messaging;

/// <summary>
/// A consumer built on <see cref="IdempotentConsumer{TMessage}"/> whose work (a row in
/// consumer_effects) shares the inbox's transaction, on the real PostgreSQL.
/// </summary>
public sealed class Consuming_idempotently(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;
    private readonly HandlerScript script = new();

    [Fact]
    public async Task A_message_delivered_twice_does_its_work_once()
    {
        await using var provider = NewHarness();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var message = TestEvents.AccountRegistered();
        var messageId = NewId.NextGuid();

        await harness.Bus.Publish(message, context => context.MessageId = messageId);
        await harness.Bus.Publish(message, context => context.MessageId = messageId);

        var deliveries = await ConsumedAsync(harness, messageId, count: 2);
        Assert.All(deliveries, delivery => Assert.Null(delivery.Exception));
        Assert.Equal(1, await EffectsAsync(message));
        Assert.Equal(1, await InboxRowsAsync(messageId));
        Assert.Equal(1, script.Calls);
    }

    [Fact]
    public async Task A_failing_handler_commits_nothing_and_the_redelivery_does_the_work_once()
    {
        await using var provider = NewHarness();
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var message = TestEvents.AccountRegistered();
        var messageId = NewId.NextGuid();
        script.BeforeCommit = call => call == 1 ? throw new InvalidOperationException("The handler failed after its change.") : Task.CompletedTask;

        await harness.Bus.Publish(message, context => context.MessageId = messageId);
        var failed = Assert.Single(await ConsumedAsync(harness, messageId, count: 1));

        Assert.NotNull(failed.Exception);
        Assert.Equal(0, await EffectsAsync(message));
        Assert.Equal(0, await InboxRowsAsync(messageId));

        await harness.Bus.Publish(message, context => context.MessageId = messageId);
        await harness.Bus.Publish(message, context => context.MessageId = messageId);

        var deliveries = await ConsumedAsync(harness, messageId, count: 3);
        Assert.All(deliveries.Skip(1), delivery => Assert.Null(delivery.Exception));
        Assert.Equal(1, await EffectsAsync(message));
        Assert.Equal(1, await InboxRowsAsync(messageId));
        Assert.Equal(2, script.Calls);
    }

    [Fact]
    public async Task Two_deliveries_of_one_message_at_the_same_time_do_the_work_once()
    {
        var message = TestEvents.AccountRegistered();
        var messageId = NewId.NextGuid();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.BeforeCommit = call => call == 1 ? release.Task : Task.CompletedTask;

        var first = new WelcomingConsumer(dataSource, script).Consume(Delivery.Of(message, messageId));
        await Eventually.WaitUntilAsync(() => script.Calls == 1);
        var second = new WelcomingConsumer(dataSource, script).Consume(Delivery.Of(message, messageId));
        // The second delivery waits on the first one's uncommitted inbox row.
        var secondWaits = await Eventually.WaitUntilAsync(AnyoneWaitsOnALockAsync);
        release.SetResult();
        await Task.WhenAll(first, second);

        Assert.True(secondWaits, "the second delivery should have waited for the first");
        Assert.Equal(1, await EffectsAsync(message));
        Assert.Equal(1, await InboxRowsAsync(messageId));
        Assert.Equal(1, script.Calls);
    }

    [Fact]
    public async Task A_delivery_waiting_on_one_that_fails_does_the_work_itself()
    {
        var message = TestEvents.AccountRegistered();
        var messageId = NewId.NextGuid();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        script.BeforeCommit = async call =>
        {
            if (call == 1)
            {
                await release.Task;
                throw new InvalidOperationException("The first delivery failed after its change.");
            }
        };

        var first = new WelcomingConsumer(dataSource, script).Consume(Delivery.Of(message, messageId));
        await Eventually.WaitUntilAsync(() => script.Calls == 1);
        var second = new WelcomingConsumer(dataSource, script).Consume(Delivery.Of(message, messageId));
        var secondWaits = await Eventually.WaitUntilAsync(AnyoneWaitsOnALockAsync);
        release.SetResult();

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        await second;
        Assert.True(secondWaits, "the second delivery should have waited for the first");
        Assert.Equal(1, await EffectsAsync(message));
        Assert.Equal(1, await InboxRowsAsync(messageId));
        Assert.Equal(2, script.Calls);
    }

    private ServiceProvider NewHarness() => new ServiceCollection()
        .AddSingleton(dataSource)
        .AddSingleton(script)
        .AddMassTransitTestHarness(bus => bus.AddConsumer<WelcomingConsumer>())
        .BuildServiceProvider(validateScopes: true);

    private static async Task<IReadOnlyList<IReceivedMessage<AccountRegistered>>> ConsumedAsync(ITestHarness harness, Guid messageId, int count)
    {
        var consumed = new List<IReceivedMessage<AccountRegistered>>();
        await foreach (var delivery in harness.GetConsumerHarness<WelcomingConsumer>().Consumed.SelectAsync<AccountRegistered>(
                           delivery => delivery.Context.MessageId == messageId))
        {
            consumed.Add(delivery);
            if (consumed.Count == count)
            {
                break;
            }
        }

        return consumed;
    }

    private async Task<int> EffectsAsync(AccountRegistered message)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM consumer_effects WHERE account_id = @AccountId", new { message.AccountId });
    }

    private async Task<int> InboxRowsAsync(Guid messageId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId });
    }

    private async Task<bool> AnyoneWaitsOnALockAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock')");
    }
}
