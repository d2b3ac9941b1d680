using System.Globalization;
using Microsoft.Extensions.Configuration;
using Network.ServiceDefaults;

namespace Network.Gateway;

/// <summary>
/// The settings the gateway reads beyond those of ServiceDefaults, all from environment variables
/// (or any configuration source with the same keys). Defaults fit `make up` on one machine.
/// </summary>
internal static class GatewaySettings
{
    public const string RateLimitPerMinute = "NETWORK_GATEWAY_RATE_LIMIT_PER_MINUTE";
    public const int DefaultRateLimitPerMinute = 600;

    public const string HealthCheckIntervalSeconds = "NETWORK_GATEWAY_HEALTH_INTERVAL_SECONDS";
    public const string HealthCheckTimeoutSeconds = "NETWORK_GATEWAY_HEALTH_TIMEOUT_SECONDS";
    public static readonly TimeSpan DefaultHealthCheckTimeout = TimeSpan.FromSeconds(2);

    /// <summary>The variable that holds a cluster's address: `NETWORK_DIRECTORY_URL` for `directory`.</summary>
    public static string ServiceUrlVariable(string clusterId) =>
        "NETWORK_" + clusterId.ToUpperInvariant() + "_URL";

    public static int PermitsPerMinute(this IConfiguration configuration) =>
        int.TryParse(configuration[RateLimitPerMinute], NumberStyles.Integer, CultureInfo.InvariantCulture, out var permits) && permits > 0
            ? permits
            : DefaultRateLimitPerMinute;

    /// <summary>Null when not set, so the interval in appsettings.json stays in force.</summary>
    public static TimeSpan? HealthCheckInterval(this IConfiguration configuration) => Seconds(configuration[HealthCheckIntervalSeconds]);

    /// <summary>Null when not set: YARP's probes keep appsettings.json's timeout, the readiness summary uses its default.</summary>
    public static TimeSpan? HealthCheckTimeout(this IConfiguration configuration) => Seconds(configuration[HealthCheckTimeoutSeconds]);

    public static long MaxRequestBodyBytes(this IConfiguration configuration) =>
        long.TryParse(configuration[ServiceDefaultsExtensions.MaxRequestBodyBytes], NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes)
            ? bytes
            : ServiceDefaultsExtensions.DefaultMaxRequestBodyBytes;

    private static TimeSpan? Seconds(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
}
