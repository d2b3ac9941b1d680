using Microsoft.Extensions.Configuration;

namespace Network.ServiceDefaults;

/// <summary>
/// The settings every service reads, all from environment variables (or any other configuration
/// source with the same keys). Defaults fit `make up` on one machine.
/// </summary>
public static class ServiceSettings
{
    public const string Database = "NETWORK_DATABASE";
    public const string RabbitMq = "NETWORK_RABBITMQ";
    public const string JwksUrl = "NETWORK_JWKS_URL";
    public const string JwtIssuer = "NETWORK_JWT_ISSUER";
    public const string JwtAudience = "NETWORK_JWT_AUDIENCE";
    public const string OidcAuthority = "NETWORK_OIDC_AUTHORITY";
    public const string PublicUrl = "NETWORK_PUBLIC_URL";

    public const string DefaultIssuer = "network";
    public const string DefaultAudience = "network";

    public static string DatabaseConnectionString(this IConfiguration configuration, string serviceName) =>
        configuration[Database] ?? $"Host=127.0.0.1;Port=5432;Username=postgres;Database=network_{serviceName}";

    public static Uri RabbitMqUri(this IConfiguration configuration) =>
        new(configuration[RabbitMq] ?? "amqp://guest:guest@127.0.0.1:5672/");

    public static string JwksUri(this IConfiguration configuration) =>
        configuration[JwksUrl] ?? "http://127.0.0.1:5101/api/directory/.well-known/jwks.json";

    /// <summary>Where people reach the platform (the gateway), for links in mails and calendars; no trailing slash.</summary>
    public static string PublicBaseUrl(this IConfiguration configuration) =>
        (configuration[PublicUrl] is { Length: > 0 } url ? url : "http://localhost:8080").TrimEnd('/');

    public static string Issuer(this IConfiguration configuration) => configuration[JwtIssuer] ?? DefaultIssuer;

    public static string Audience(this IConfiguration configuration) => configuration[JwtAudience] ?? DefaultAudience;
}
