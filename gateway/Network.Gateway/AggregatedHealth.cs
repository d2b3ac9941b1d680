using Microsoft.Extensions.Diagnostics.HealthChecks;
using Network.ServiceDefaults.Health;
using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Model;

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
/// The summary names instances by their id only: it is public, the services' addresses are not.
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
            return HealthCheckResult.Unhealthy("no instance configured");
        }

        var timeout = configuration.HealthCheckTimeout() ?? GatewaySettings.DefaultHealthCheckTimeout;
        var answers = await Task.WhenAll(cluster.Destinations.Values.Select(async destination =>
        {
            var answer = await AskAsync(destination.DestinationId, destination.Model.Config.Address, timeout, cancellationToken);
            // Ready only when the proxy routes to it, too: after a failed probe (during start-up,
            // say) requests get 503 until the next probe succeeds, even if the service is ready now.
            return answer.Ready && destination.Health.Active == DestinationHealth.Unhealthy
                ? answer with { Ready = false, Reason = "is ready, but the gateway has not seen it ready yet" }
                : answer;
        }));

        if (answers.Any(answer => answer.Ready && !answer.Degraded))
        {
            return HealthCheckResult.Healthy("ready");
        }

        // Taking requests, but something behind it is away (its broker, say): 200, marked degraded.
        if (answers.Any(answer => answer.Ready))
        {
            return HealthCheckResult.Degraded(string.Join("; ", answers.Select(answer => $"{answer.Instance} {answer.Reason}")));
        }

        return HealthCheckResult.Unhealthy(string.Join("; ", answers.Select(answer => $"{answer.Instance} {answer.Reason}")));
    }

    private async Task<(string Instance, bool Ready, bool Degraded, string Reason)> AskAsync(string instance, string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await httpClients.CreateClient(AggregatedHealth.HttpClientName)
                .GetAsync(address.TrimEnd('/') + "/health/ready", deadline.Token);
            if (response.IsSuccessStatusCode)
            {
                var degraded = (await response.Content.ReadAsStringAsync(deadline.Token)).Contains("\"status\":\"degraded\"", StringComparison.Ordinal);
                return (instance, true, degraded, degraded ? "ready, degraded" : "ready");
            }

            LogNotReady(logger, clusterId, address, (int)response.StatusCode, null);
            return (instance, false, false, $"answered {(int)response.StatusCode}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogNotReady(logger, clusterId, address, null, null);
            return (instance, false, false, $"gave no answer within {timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException exception)
        {
            LogNotReady(logger, clusterId, address, null, exception);
            return (instance, false, false, "is unreachable");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Service {Service} at {Address} is not ready (status {StatusCode})")]
    private static partial void LogNotReady(ILogger logger, string service, string address, int? statusCode, Exception? exception);
}
