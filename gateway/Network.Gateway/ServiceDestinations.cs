using Yarp.ReverseProxy.Configuration;

namespace Network.Gateway;

/// <summary>
/// Points each cluster at the address its environment variable names (`NETWORK_DIRECTORY_URL` for
/// `directory`), so one appsettings.json serves one machine, compose and Kubernetes alike, and sets
/// the active health check's interval and timeout when they are configured. A YARP config filter
/// rather than extra configuration keys because it runs when YARP loads its configuration, after
/// every configuration source (a test's included) is in place.
/// </summary>
internal sealed class ServiceDestinations(IConfiguration configuration) : IProxyConfigFilter
{
    public ValueTask<ClusterConfig> ConfigureClusterAsync(ClusterConfig cluster, CancellationToken cancel)
    {
        var address = configuration[GatewaySettings.ServiceUrlVariable(cluster.ClusterId)];
        if (!string.IsNullOrWhiteSpace(address) && cluster.Destinations is { } destinations)
        {
            cluster = cluster with
            {
                Destinations = destinations.ToDictionary(
                    destination => destination.Key,
                    destination => destination.Value with { Address = address },
                    StringComparer.OrdinalIgnoreCase),
            };
        }

        if (cluster.HealthCheck?.Active is { Enabled: true } active)
        {
            active = active with
            {
                Interval = configuration.HealthCheckInterval() ?? active.Interval,
                Timeout = configuration.HealthCheckTimeout() ?? active.Timeout,
            };
            cluster = cluster with { HealthCheck = cluster.HealthCheck with { Active = active } };
        }

        return ValueTask.FromResult(cluster);
    }

    public ValueTask<RouteConfig> ConfigureRouteAsync(RouteConfig route, ClusterConfig? cluster, CancellationToken cancel) =>
        ValueTask.FromResult(route);
}
