using System.Diagnostics;
using Network.Testing;

namespace Network.EndToEnd.Tests.Platform;

/// <summary>
/// The whole platform for the end-to-end tests: a RabbitMQ of its own (so tests may stop it
/// without disturbing other test projects), the test PostgreSQL with fresh databases, an OTLP
/// endpoint for traces, and every service and the gateway as real processes.
/// </summary>
public sealed class PlatformFixture : IAsyncLifetime
{
    public const string CoordinatorEmail = "koordination@e2e.network.test";
    public const string CoordinatorPassword = "e2e-coordinator-password";

    private static readonly string[] Services = ["directory", "matching", "events", "messaging", "web", "gateway"];

    private readonly Dictionary<string, ServiceProcess> processes = new();
    private readonly string runId = DateTime.UtcNow.ToString("HHmmss") + "_" + Random.Shared.Next(1000, 9999);

    public OtlpTraceReceiver Traces { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(30) };

    public ServiceProcess Gateway => processes["gateway"];

    public ServiceProcess this[string service] => processes[service];

    public string BrokerPort => Environment.GetEnvironmentVariable("NETWORK_E2E_AMQP_PORT") ?? "5674";

    public string BrokerUrl => $"amqp://guest:guest@127.0.0.1:{BrokerPort}/";

    public string BrokerStateDirectory => Path.Combine(TestServers.StateDirectory, "e2e");

    public string DatabaseOf(string service) => $"{TestServers.PostgresServer};Database=e2e_{runId}_{service}";

    /// <summary>Where the directory writes its mails (.eml files), for tests that follow a link in one.</summary>
    public string MailFolder => Path.Combine(TestServers.StateDirectory, "e2e", "mail", runId);

    public async Task InitializeAsync()
    {
        await RunBrokerScriptAsync("start");
        Traces = await OtlpTraceReceiver.StartAsync();

        var logFolder = Path.Combine(TestServers.StateDirectory, "e2e", "logs");
        System.IO.Directory.CreateDirectory(logFolder);
        var ports = Services.ToDictionary(s => s, _ => TestServers.FreeLoopbackPort());
        // The tests run from bin/{configuration}/net10.0: start the services built the same way.
        var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

        foreach (var service in Services)
        {
            var environment = new Dictionary<string, string>
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["NETWORK_DATABASE"] = DatabaseOf(service),
                ["NETWORK_RABBITMQ"] = BrokerUrl,
                ["NETWORK_JWKS_URL"] = $"http://127.0.0.1:{ports["directory"]}/api/directory/.well-known/jwks.json",
                ["NETWORK_BOOTSTRAP_COORDINATOR_EMAIL"] = CoordinatorEmail,
                ["NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD"] = CoordinatorPassword,
                ["NETWORK_GATEWAY_RATE_LIMIT_PER_MINUTE"] = "100000",
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = Traces.Endpoint,
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
                ["NETWORK_MAIL_PICKUP_DIR"] = MailFolder,
                // Links in mails lead to the gateway under test; the web front end keeps its keys beside the logs.
                ["NETWORK_PUBLIC_URL"] = $"http://127.0.0.1:{ports["gateway"]}",
                ["NETWORK_WEB_KEYS_DIR"] = Path.Combine(TestServers.StateDirectory, "e2e", "web-keys"),
                // Access tokens live 15 minutes: the web front end renews them on every page, so the browser tests go through the refresh.
                ["NETWORK_WEB_RENEW_TOKENS_BEFORE_SECONDS"] = "900",
            };
            foreach (var other in Services)
            {
                environment[$"NETWORK_{other.ToUpperInvariant()}_URL"] = $"http://127.0.0.1:{ports[other]}";
            }

            var folder = service == "gateway" ? Path.Combine("gateway", "Network.Gateway") : Path.Combine("services", "Network." + char.ToUpperInvariant(service[0]) + service[1..]);
            var project = Path.GetFileName(folder);
            var assembly = Path.Combine(TestServers.RepositoryRoot, folder, "bin", configuration, "net10.0", project + ".dll");
            processes[service] = new ServiceProcess(service, assembly, ports[service], environment, logFolder);
        }

        foreach (var process in processes.Values)
        {
            process.Start();
        }

        await WaitUntilAllReadyAsync();
    }

    public async Task WaitUntilAllReadyAsync()
    {
        foreach (var process in processes.Values)
        {
            await process.WaitUntilReadyAsync(Http, TimeSpan.FromSeconds(120));
        }
    }

    /// <summary>Starts or stops the end-to-end broker with the project's own script.</summary>
    public async Task RunBrokerScriptAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(TestServers.RepositoryRoot, "infra", "local", "servers.sh"), [command, "rabbitmq"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["NETWORK_STATE_DIR"] = BrokerStateDirectory;
        start.Environment["NETWORK_AMQP_PORT"] = BrokerPort;
        using var script = Process.Start(start)!;
        var output = script.StandardOutput.ReadToEndAsync();
        var errors = script.StandardError.ReadToEndAsync();
        await script.WaitForExitAsync();
        if (script.ExitCode != 0)
        {
            throw new InvalidOperationException($"servers.sh {command} rabbitmq failed: {await output}{await errors}");
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes.Values.Reverse())
        {
            await process.DisposeAsync();
        }

        await Traces.DisposeAsync();
        await RunBrokerScriptAsync("stop");
        Http.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
