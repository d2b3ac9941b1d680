using MassTransit;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Messaging;

/// <summary>
/// A relay whose broker does not answer (nothing listens on its port; the shared test RabbitMQ
/// stays up for everyone else). The relay gives up on a publish after its timeout of 10 s.
/// </summary>
public sealed class Relaying_while_the_broker_is_away(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly ServiceIdentity identity = new("relaytests");

    [Fact]
    public async Task An_unpublished_event_stays_in_the_outbox_deferred_and_is_relayed_once_the_broker_answers()
    {
        var enqueued = await database.DataSource.EnqueueAccountsAsync(2);
        var unreachable = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
            rabbit.Host(new Uri("amqp://guest:guest@127.0.0.1:1/"), host => host.PublisherConfirmation = true));
        int claimed;
        try
        {
            using (var starting = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
            {
                await Assert.ThrowsAnyAsync<Exception>(() => unreachable.StartAsync(starting.Token));
            }

            claimed = await new OutboxRelay(database.DataSource, unreachable, identity, NullLogger<OutboxRelay>.Instance)
                .RelayBatchAsync(CancellationToken.None);
        }
        finally
        {
            await unreachable.StopAsync();
        }

        Assert.Equal(2, claimed);
        var rows = await database.DataSource.OutboxRowsAsync(enqueued.Keys);
        Assert.Equal(enqueued.Keys, rows.Select(row => row.Id));
        var failed = rows[0];
        Assert.Null(failed.SentAt);
        Assert.Equal(1, failed.Attempts);
        Assert.False(string.IsNullOrEmpty(failed.LastError));
        Assert.True(failed.IsDeferred, "the failed row should wait before its next attempt");
        // The row after it was not tried in this round; it is still there, unsent, for the next one.
        var waiting = rows[1];
        Assert.Null(waiting.SentAt);
        Assert.Equal(0, waiting.Attempts);

        await using var receiver = await AccountRegisteredReceiver.StartAsync();
        await using (var connection = await database.DataSource.OpenConnectionAsync())
        await using (var command = new NpgsqlCommand("UPDATE outbox_messages SET next_attempt_at = now()", connection))
        {
            // The back-off has run out (without waiting for it).
            await command.ExecuteNonQueryAsync();
        }

        await new OutboxRelay(database.DataSource, receiver.Bus, identity, NullLogger<OutboxRelay>.Instance).RelayUntilNothingIsClaimedAsync();

        await Eventually.WaitUntilAsync(() => receiver.Receipts.Count >= enqueued.Count);
        Assert.Equal(enqueued.Keys.Order(), receiver.Receipts.Select(receipt => receipt.MessageId!.Value).Order());
        Assert.All(await database.DataSource.OutboxRowsAsync(enqueued.Keys), row =>
        {
            Assert.NotNull(row.SentAt);
            Assert.Null(row.LastError);
        });
    }
}
