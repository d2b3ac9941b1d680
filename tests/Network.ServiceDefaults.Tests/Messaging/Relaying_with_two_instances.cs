using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Messaging;

/// <summary>Two instances of one service relay the same outbox: `FOR UPDATE SKIP LOCKED` shares the rows.</summary>
public sealed class Relaying_with_two_instances(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task Two_relays_working_through_one_outbox_at_once_publish_every_row_exactly_once()
    {
        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        var enqueued = await database.DataSource.EnqueueAccountsAsync(400);
        // Each instance has its own connection pool, as two processes would.
        await using var firstPool = NpgsqlDataSource.Create(database.DataSource.ConnectionString);
        await using var secondPool = NpgsqlDataSource.Create(database.DataSource.ConnectionString);
        var identity = new ServiceIdentity("relaytests");
        var first = new OutboxRelay(firstPool, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance);
        var second = new OutboxRelay(secondPool, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance);

        var rounds = await Task.WhenAll(
            Task.Run(first.RelayUntilNothingIsClaimedAsync),
            Task.Run(second.RelayUntilNothingIsClaimedAsync));

        // Every publish succeeded, so a row claimed twice would show in the sum.
        Assert.Equal(enqueued.Count, rounds.Sum(relay => relay.Sum()));
        await Eventually.WaitUntilAsync(() => receiver.Receipts.Count >= enqueued.Count);
        var deliveries = receiver.Receipts.CountBy(receipt => receipt.MessageId!.Value).ToDictionary();
        Assert.DoesNotContain(deliveries, delivered => delivered.Value > 1);
        Assert.Empty(enqueued.Keys.Except(deliveries.Keys));
        Assert.Equal(enqueued.Count, deliveries.Count);
        Assert.All(await database.DataSource.OutboxRowsAsync(enqueued.Keys), row => Assert.NotNull(row.SentAt));
    }
}
