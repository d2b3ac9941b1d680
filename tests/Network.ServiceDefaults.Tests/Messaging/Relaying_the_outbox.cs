using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Messaging;

/// <summary>One relay, the real RabbitMQ, and a queue of each test's own.</summary>
public sealed class Relaying_the_outbox(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;
    private readonly ServiceIdentity identity = new("relaytests");

    [Fact]
    public async Task Every_event_arrives_once_with_the_outbox_id_as_message_id_and_its_row_is_marked_sent()
    {
        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        var enqueued = await dataSource.EnqueueAccountsAsync(250);
        var relay = new OutboxRelay(dataSource, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance);

        var rounds = await relay.RelayUntilNothingIsClaimedAsync();

        // One batch at a time: a full batch tells the dispatcher to come straight back for more.
        Assert.Equal([OutboxRelay.BatchSize, OutboxRelay.BatchSize, 50, 0], rounds);
        await Eventually.WaitUntilAsync(() => receiver.Receipts.Count >= enqueued.Count);
        var byMessageId = receiver.Receipts.GroupBy(receipt => receipt.MessageId).ToList();
        Assert.All(byMessageId, delivered => Assert.Single(delivered));
        Assert.Equal(enqueued.Keys.Order(), byMessageId.Select(delivered => delivered.Key!.Value).Order());
        Assert.All(receiver.Receipts, receipt => Assert.Equal(enqueued[receipt.MessageId!.Value], receipt.Message));
        Assert.All(await dataSource.OutboxRowsAsync(enqueued.Keys), row =>
        {
            Assert.NotNull(row.SentAt);
            Assert.Equal(0, row.Attempts);
            Assert.Null(row.LastError);
        });
    }

    [Fact]
    public async Task Events_written_in_one_transaction_arrive_in_the_order_they_were_written()
    {
        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        var enqueued = await dataSource.EnqueueAccountsAsync(20);

        await new OutboxRelay(dataSource, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance).RelayUntilNothingIsClaimedAsync();

        await Eventually.WaitUntilAsync(() => receiver.Receipts.Count >= enqueued.Count);
        Assert.Equal(
            Enumerable.Range(1, enqueued.Count).Select(number => $"Account {number}"),
            receiver.Receipts.Select(receipt => receipt.Message.DisplayName));
    }

    [Fact]
    public async Task A_relay_stopped_in_the_middle_of_a_batch_records_what_it_published_so_nothing_is_sent_twice()
    {
        using var stopping = new CancellationTokenSource();
        await using var receiver = await AccountRegisteredReceiver.StartAsync(onReceipt: stopping.Cancel);
        var enqueued = await dataSource.EnqueueAccountsAsync(OutboxRelay.BatchSize);
        var relay = new OutboxRelay(dataSource, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance);

        // The service stops as soon as the first event has arrived; the batch is still being published.
        await relay.RelayBatchAsync(stopping.Token);
        var recordedBeforeStopping = (await dataSource.OutboxRowsAsync(enqueued.Keys)).Count(row => row.SentAt is not null);
        // Another instance (or this one, restarted) relays the rest.
        await relay.RelayUntilNothingIsClaimedAsync();

        Assert.InRange(recordedBeforeStopping, 1, enqueued.Count);
        await Eventually.WaitUntilAsync(() => receiver.Receipts.Count >= enqueued.Count);
        var deliveries = receiver.Receipts.CountBy(receipt => receipt.MessageId!.Value).ToDictionary();
        Assert.DoesNotContain(deliveries, delivered => delivered.Value > 1);
        Assert.Equal(enqueued.Keys.Order(), deliveries.Keys.Order());
    }

    [Fact]
    public async Task Relayed_event_continues_the_trace_of_the_activity_that_wrote_it()
    {
        using var listener = ActivityRecording.SampleAll("MassTransit", identity.SourceName, ActivityRecording.Source.Name);
        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        IReadOnlyDictionary<Guid, AccountRegistered> enqueued;
        ActivityTraceId traceId;
        using (var activity = ActivityRecording.Source.StartActivity("register account")!)
        {
            traceId = activity.TraceId;
            enqueued = await dataSource.EnqueueAccountsAsync(1);
        }

        // The relay runs later, outside the request that wrote the event, as the dispatcher does.
        await new OutboxRelay(dataSource, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance).RelayUntilNothingIsClaimedAsync();

        await Eventually.WaitUntilAsync(() => receiver.Receipts.Count > 0);
        var receipt = Assert.Single(receiver.Receipts);
        Assert.Equal(enqueued.Keys.Single(), receipt.MessageId);
        Assert.Equal(traceId, receipt.TraceId);
    }
}
