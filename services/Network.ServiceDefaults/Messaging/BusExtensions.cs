using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Network.ServiceDefaults.Health;

namespace Network.ServiceDefaults.Messaging;

public static class BusExtensions
{
    /// <summary>
    /// MassTransit on RabbitMQ: durable queues named `{service}-{consumer}` in kebab-case (so two
    /// services' consumers of one event never compete for the same queue), publisher confirms,
    /// retries at growing intervals for transient faults, then the consumer's `_error` queue, from
    /// which an operator can move messages back. Also starts the outbox dispatcher.
    /// </summary>
    public static IHostApplicationBuilder AddServiceBus(this IHostApplicationBuilder builder, Action<IBusRegistrationConfigurator>? addConsumers = null)
    {
        var identity = builder.Services.Identity();
        var rabbitUri = builder.Configuration.RabbitMqUri();
        builder.Services.AddMassTransit(bus =>
        {
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(identity.Name, includeNamespace: false));
            addConsumers?.Invoke(bus);
            // A service whose broker is away still takes requests: its outbox keeps the events
            // until the broker is back. So the broker makes readiness "degraded" (still 200),
            // not "unhealthy", and neither the gateway nor Kubernetes stops sending it traffic.
            bus.ConfigureHealthCheckOptions(health =>
            {
                health.MinimalFailureStatus = HealthStatus.Degraded;
                health.Tags.Add(HealthEndpoints.ReadyTag);
            });
            bus.UsingRabbitMq((context, rabbit) =>
            {
                rabbit.Host(rabbitUri, host =>
                {
                    host.PublisherConfirmation = true;
                    host.ConnectionName(identity.Name);
                });
                rabbit.UseMessageRetry(retry => retry.Intervals(
                    TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(15)));
                rabbit.ConfigureEndpoints(context);
            });
        });
        builder.Services.AddSingleton<OutboxRelay>();
        builder.Services.AddHostedService<OutboxDispatcher>();
        return builder;
    }
}
