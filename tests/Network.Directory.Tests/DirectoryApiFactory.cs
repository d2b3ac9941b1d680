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
    public const string PublicUrl = "https://network.test";

    private readonly int port = TestServers.FreeLoopbackPort();

    public DirectoryApiFactory() => UseKestrel(port);

    public TestDatabase Database { get; } = TestDatabase.Named("directory");

    /// <summary>The pickup folder this directory writes its mails to, instead of an SMTP server.</summary>
    public Mailbox Mailbox { get; } = Mailbox.Create();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NETWORK_DATABASE", Database.ConnectionString);
        builder.UseSetting("NETWORK_RABBITMQ", TestServers.RabbitMqUrl);
        builder.UseSetting("NETWORK_JWKS_URL", $"http://127.0.0.1:{port}/api/directory/.well-known/jwks.json");
        builder.UseSetting("NETWORK_BOOTSTRAP_COORDINATOR_EMAIL", "koordination@directory.test");
        builder.UseSetting("NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD", "directory-test-password");
        builder.UseSetting("NETWORK_MAIL_PICKUP_DIR", Mailbox.Folder);
        builder.UseSetting("NETWORK_PUBLIC_URL", PublicUrl);
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
        Mailbox.Dispose();
    }
}
