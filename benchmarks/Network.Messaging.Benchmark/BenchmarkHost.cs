using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Network.Testing;

namespace Network.Messaging.Benchmark;

/// <summary>
/// The messaging service in this process on real Kestrel, on a throw-away database of the test
/// PostgreSQL and the test broker, under queue names of its own that the broker deletes when it stops.
/// </summary>
internal sealed class BenchmarkHost(TestDatabase database, TestIssuer issuer, string mailFolder) : WebApplicationFactory<Program>
{
    private readonly string queuePrefix = $"messaging-bench-{Guid.NewGuid():N}"[..29];

    public int Port { get; } = TestServers.FreeLoopbackPort();

    public void Start()
    {
        // The factory looks for the service's source folder as its content root; the service reads
        // no files from it, and a benchmark run from anywhere should not depend on where it is.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_NETWORK_MESSAGING", AppContext.BaseDirectory);
        UseKestrel(Port);
        StartServer();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NETWORK_DATABASE", database.ConnectionString + ";Maximum Pool Size=50");
        builder.UseSetting("NETWORK_RABBITMQ", TestServers.RabbitMqUrl);
        builder.UseSetting("NETWORK_JWKS_URL", issuer.JwksUrl);
        builder.UseSetting("NETWORK_MAIL_PICKUP_DIR", mailFolder);
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IEndpointNameFormatter>(new KebabCaseEndpointNameFormatter(queuePrefix, includeNamespace: false)));
            services.AddSingleton<IConfigureReceiveEndpoint>(new TemporaryQueues());
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        });
    }

    private sealed class TemporaryQueues : IConfigureReceiveEndpoint
    {
        public void Configure(string name, IReceiveEndpointConfigurator configurator)
        {
            if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
            }
        }
    }
}
