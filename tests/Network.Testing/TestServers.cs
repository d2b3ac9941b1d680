namespace Network.Testing;

/// <summary>
/// Where the test run's own PostgreSQL and RabbitMQ listen. `make test` starts them (other ports
/// and another state folder than `make up`) and exports these variables; the defaults match it,
/// so `dotnet test` works too while `infra/local/test-servers.sh start` has them running.
/// </summary>
public static class TestServers
{
    public static string PostgresPort => Environment.GetEnvironmentVariable("NETWORK_PG_PORT") ?? "5433";

    public static string AmqpPort => Environment.GetEnvironmentVariable("NETWORK_AMQP_PORT") ?? "5673";

    public static string PostgresServer => $"Host=127.0.0.1;Port={PostgresPort};Username=postgres";

    public static string RabbitMqUrl => $"amqp://guest:guest@127.0.0.1:{AmqpPort}/";

    /// <summary>The repository root, found from the test's working folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "Network.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new InvalidOperationException("Network.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>A loopback port that was free a moment ago, for a server the test starts.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string StateDirectory =>
        Environment.GetEnvironmentVariable("NETWORK_STATE_DIR") ?? Path.Combine(RepositoryRoot, ".state", "test");
}
