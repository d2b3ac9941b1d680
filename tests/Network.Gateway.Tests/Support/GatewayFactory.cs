using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Network.Gateway.Tests.Support;

/// <summary>
/// The gateway in this process, on real Kestrel (its body limit and Server header are Kestrel's,
/// which the in-memory test server does not have), configured through the same keys as the
/// environment variables the platform scripts set.
/// </summary>
public sealed class GatewayFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> settings;

    public GatewayFactory(IReadOnlyDictionary<string, string?> settings)
    {
        this.settings = settings;
        UseKestrel(0);
    }

    /// <summary>Every service at the address given, the others down; the signing keys served by <paramref name="jwksFrom"/>.</summary>
    public static GatewayFactory For(IReadOnlyDictionary<string, TestBackend> backends, TestBackend? jwksFrom = null, IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["NETWORK_JWKS_URL"] = (jwksFrom?.Url ?? TestBackend.DownUrl()) + "/.well-known/jwks.json",
        };
        foreach (var service in ServiceNames)
        {
            settings[$"NETWORK_{service.ToUpperInvariant()}_URL"] = backends.TryGetValue(service, out var backend) ? backend.Url : TestBackend.DownUrl();
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return new GatewayFactory(settings);
    }

    public static readonly string[] ServiceNames = ["directory", "matching", "events", "messaging", "web"];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }
}
