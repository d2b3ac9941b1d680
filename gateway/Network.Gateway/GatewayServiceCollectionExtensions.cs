using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Network.Gateway;

internal static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// The gateway on top of ServiceDefaults (which already brings telemetry, problem details,
    /// token validation and Kestrel's body limit): YARP routes from the `ReverseProxy` section of
    /// appsettings.json with the services' addresses from the environment, per-client rate
    /// limits, and readiness that asks every service.
    /// </summary>
    public static IHostApplicationBuilder AddGatewayServices(this IHostApplicationBuilder builder)
    {
        // Which server runs the gateway is nobody's business outside it.
        builder.Services.Configure<KestrelServerOptions>(kestrel => kestrel.AddServerHeader = false);

        builder.Services.AddReverseProxy()
            .LoadFromConfig(builder.Configuration.GetSection("ReverseProxy"))
            .AddConfigFilter<ServiceDestinations>();

        builder.Services.AddClientRateLimiting();
        builder.Services.AddAggregatedReadiness(builder.Configuration);
        return builder;
    }
}
