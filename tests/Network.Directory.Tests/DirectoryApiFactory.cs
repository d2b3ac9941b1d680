using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Network.Testing;

namespace Network.Directory.Tests;

/// <summary>
/// The directory in-process, on a database of its own on the test PostgreSQL and the test broker.
/// It listens on a real loopback port, because it validates its own tokens against its JWKS
/// over HTTP, as every other service does.
/// </summary>
public sealed class DirectoryApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly int port = TestServers.FreeLoopbackPort();

    public DirectoryApiFactory() => UseKestrel(port);

    public TestDatabase Database { get; } = TestDatabase.Named("directory");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NETWORK_DATABASE", Database.ConnectionString);
        builder.UseSetting("NETWORK_RABBITMQ", TestServers.RabbitMqUrl);
        builder.UseSetting("NETWORK_JWKS_URL", $"http://127.0.0.1:{port}/api/directory/.well-known/jwks.json");
        builder.UseSetting("NETWORK_BOOTSTRAP_COORDINATOR_EMAIL", "koordination@directory.test");
        builder.UseSetting("NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD", "directory-test-password");
    }

    public Task InitializeAsync()
    {
        StartServer();
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Database.DisposeAsync();
    }
}
