using System.Collections.Concurrent;
using System.Diagnostics;
using MassTransit;
using Network.Contracts.Directory;
using Network.Testing;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>
/// A bus on the test RabbitMQ that publishes <see cref="AccountRegistered"/> to an exchange of this
/// test's own and receives it on a queue of its own, so tests (and other test projects on the same
/// broker) neither see nor disturb each other's messages. Queue and exchanges are auto-deleted
/// when the bus stops.
/// </summary>
internal sealed class AccountRegisteredReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<Receipt> receipts = new();

    private AccountRegisteredReceiver(string name)
    {
        Bus = MassTransit.Bus.Factory.CreateUsingRabbitMq(rabbit =>
        {
            // As in BusExtensions.AddServiceBus: a publish completes when the broker confirmed it.
            rabbit.Host(new Uri(TestServers.RabbitMqUrl), host => host.PublisherConfirmation = true);
            rabbit.Message<AccountRegistered>(message => message.SetEntityName(name));
            rabbit.Publish<AccountRegistered>(exchange => exchange.AutoDelete = true);
            rabbit.ReceiveEndpoint(name, endpoint =>
            {
                endpoint.AutoDelete = true;
                endpoint.Durable = false;
                endpoint.Handler<AccountRegistered>(context =>
                {
                    receipts.Enqueue(new Receipt(context.MessageId, context.Message, Activity.Current?.TraceId));
                    return Task.CompletedTask;
                });
            });
        });
    }

    public IBusControl Bus { get; }

    public IReadOnlyCollection<Receipt> Receipts => receipts;

    public static async Task<AccountRegisteredReceiver> StartAsync()
    {
        var receiver = new AccountRegisteredReceiver("servicedefaults-tests-" + Guid.NewGuid().ToString("N"));
        using var timeout = new CancellationTokenSource(Eventually.Deadline);
        await receiver.Bus.StartAsync(timeout.Token);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(Eventually.Deadline);
        await Bus.StopAsync(timeout.Token);
    }
}

/// <summary>One delivery as the consumer saw it, with the trace it ran in (if anything listened).</summary>
internal sealed record Receipt(Guid? MessageId, AccountRegistered Message, ActivityTraceId? TraceId);
