using Microsoft.Extensions.Diagnostics.HealthChecks;
using Network.ServiceDefaults.Health;
using Yarp.ReverseProxy;

namespace Network.Gateway;

/// <summary>
/// The gateway is ready when every service behind it is: `/health/ready` (mapped by ServiceDefaults)
/// runs one check per YARP cluster, all at once, each asking the service's own `/health/ready`, and
/// answers 503 naming the ones that are not. `/health/live` stays the gateway's own liveness, so an
/// orchestrator does not restart the gateway because a service is down.
/// </summary>
internal static class AggregatedHealth
{
    public const string HttpClientName = "readiness";

    public static IServiceCollection AddAggregatedReadiness(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(HttpClientName);
        var checks = services.AddHealthChecks();
        foreach (var cluster in configuration.GetSection("ReverseProxy:Clusters").GetChildren())
        {
            var clusterId = cluster.Key;
            checks.Add(new HealthCheckRegistration(
                clusterId,
                provider => ActivatorUtilities.CreateInstance<ServiceReadinessCheck>(provider, clusterId),
                HealthStatus.Unhealthy,
                [HealthEndpoints.ReadyTag]));
        }

        return services;
    }
}

/// <summary>
/// Ready when at least one instance of the service says it is ready, which is when YARP can route
/// to it. The addresses come from YARP's loaded state, so they include the environment's overrides.
/// </summary>
internal sealed partial class ServiceReadinessCheck(
    string clusterId,
    IProxyStateLookup proxyState,
    IHttpClientFactory httpClients,
    IConfiguration configuration,
    ILogger<ServiceReadinessCheck> logger) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!proxyState.TryGetCluster(clusterId, out var cluster) || cluster.Destinations.IsEmpty)
        {
            return HealthCheckResult.Unhealthy("no destination configured");
        }

        var timeout = configuration.HealthCheckTimeout() ?? GatewaySettings.DefaultHealthCheckTimeout;
        var answers = await Task.WhenAll(cluster.Destinations.Values.Select(
            destination => AskAsync(destination.Model.Config.Address, timeout, cancellationToken)));

        var ready = answers.FirstOrDefault(answer => answer.Ready);
        if (ready.Address is not null)
        {
            return HealthCheckResult.Healthy($"ready at {ready.Address}");
        }

        var reasons = string.Join("; ", answers.Select(answer => $"{answer.Address}: {answer.Reason}"));
        LogNotReady(logger, clusterId, reasons);
        return HealthCheckResult.Unhealthy(reasons);
    }

    private async Task<(string Address, bool Ready, string Reason)> AskAsync(string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await httpClients.CreateClient(AggregatedHealth.HttpClientName)
                .GetAsync(address.TrimEnd('/') + "/health/ready", deadline.Token);
            return (address, response.IsSuccessStatusCode, $"answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (address, false, $"no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            return (address, false, "unreachable: " + exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Service {Service} is not ready: {Reasons}")]
    private static partial void LogNotReady(ILogger logger, string service, string reasons);
}
