using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Network.Contracts.Directory;
using Network.Testing;
using RabbitMQ.Client;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>
/// A bus on the test RabbitMQ that publishes <see cref="AccountRegistered"/> to an exchange of this
/// test's own and receives it on a queue of its own, so tests (and other test projects on the same
/// broker) neither see nor disturb each other's messages. The queue and its exchange are
/// auto-deleted when the bus stops; the message type's exchange is deleted by hand, as RabbitMQ
/// does not auto-delete an exchange whose only binding went with a deleted exchange.
/// </summary>
internal sealed class AccountRegisteredReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Receipt> receipts = new();

    private readonly string exchange;

    private AccountRegisteredReceiver(string name, Action? onReceipt)
    {
        exchange = name + "-account-registered";
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            // As in BusExtensions.AddServiceBus: a publish completes when the broker confirmed it.
            rabbit.Host(new Uri(TestServers.RabbitMqUrl), host => host.PublisherConfirmation = true);
            rabbit.Message<AccountRegistered>(message => message.SetEntityName(exchange));
            rabbit.ReceiveEndpoint(name, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                // One at a time, so receipts are in the order the queue holds them.
                endpoint.ConcurrentMessageLimit = 1;
                endpoint.Handler<AccountRegistered>(context =>
                {
                    receipts.Enqueue(new Receipt(context.MessageId, context.Message, Activity.Current?.TraceId));
                    onReceipt?.Invoke();
                    return Task.CompletedTask;
                });
            });
        });
    }

    public IBusControl Bus { get; }

    public IReadOnlyCollection<Receipt> Receipts => receipts;

    public static async Task<AccountRegisteredReceiver> StartAsync(Action? onReceipt = null)
    {
        var receiver = new AccountRegisteredReceiver("servicedefaults-tests-" + Guid.NewGuid().ToString("N"), onReceipt);
        using var timeout = new CancellationTokenSource(Eventually.Deadline);
        await receiver.Bus.StartAsync(timeout.Token);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.Deadline);
        await Bus.StopAsync(timeout.Token);

        var factory = new ConnectionFactory { Uri = new Uri(TestServers.RabbitMqUrl) };
        await using var connection = await factory.CreateConnectionAsync(timeout.Token);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: timeout.Token);
        await channel.ExchangeDeleteAsync(exchange, cancellationToken: timeout.Token);
    }
}

/// <summary>One delivery as the consumer saw it, with the trace it ran in (if anything listened).</summary>
internal sealed record Receipt(Guid? MessageId, AccountRegistered Message, ActivityTraceId? TraceId);
