using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Tests.Support;

namespace Network.ServiceDefaults.Tests.Messaging;

/// <summary>The hosted dispatcher as a service runs it: real database, real RabbitMQ.</summary>
public sealed class Dispatching_the_outbox(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    [Fact]
    public async Task The_dispatcher_listens_on_the_outbox_channel_and_relays_an_event_committed_while_it_runs()
    {
        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        using var dispatcher = NewDispatcher(receiver);
        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            var listening = await Eventually.WaitUntilAsync(IsListeningAsync);
            Assert.True(listening, $"the dispatcher should hold a connection that ran LISTEN {Outbox.Channel}");

            var enqueued = await database.DataSource.EnqueueAccountsAsync(1);

            await Eventually.WaitUntilAsync(() => receiver.Receipts.Count > 0);
            Assert.Equal(enqueued.Keys, receiver.Receipts.Select(receipt => receipt.MessageId!.Value));
            Assert.True(await Eventually.WaitUntilAsync(() => AllMarkedSentAsync(enqueued.Keys)), "the row should be marked sent");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Events_written_before_the_dispatcher_started_are_relayed_when_it_starts()
    {
        var enqueued = await database.DataSource.EnqueueAccountsAsync(3);
        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        using var dispatcher = NewDispatcher(receiver);

        await dispatcher.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.WaitUntilAsync(() => receiver.Receipts.Count >= enqueued.Count);
            Assert.Equal(enqueued.Keys.Order(), receiver.Receipts.Select(receipt => receipt.MessageId!.Value).Order());
            Assert.True(await Eventually.WaitUntilAsync(() => AllMarkedSentAsync(enqueued.Keys)), "the rows should be marked sent");
        }
        finally
        {
            await dispatcher.StopAsync(CancellationToken.None);
        }
    }

    private OutboxDispatcher NewDispatcher(AccountRegisteredReceiver receiver) => new(
        database.DataSource,
        new OutboxRelay(database.DataSource, receiver.Bus, new ServiceIdentity("relaytests"), NullLogger<OutboxRelay>.Instance),
        NullLogger<OutboxDispatcher>.Instance);

    private async Task<bool> AllMarkedSentAsync(IEnumerable<Guid> ids) =>
        (await database.DataSource.OutboxRowsAsync(ids)).All(row => row.SentAt is not null);

    private async Task<bool> IsListeningAsync()
    {
        await using var connection = await database.DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<bool>(
            "SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND query = @listen)",
            new { listen = $"LISTEN {Outbox.Channel}" });
    }
}
