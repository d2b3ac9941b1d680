namespace Network.Gateway.Tests.Support;

/// <summary>All five services up behind one gateway, shared by the tests that only read.</summary>
public sealed class Platform : IAsyncLifetime
{
    public Dictionary<string, TestBackend> Backends { get; } = [];

    public GatewayFactory Gateway { get; private set; } = null!;

    public HttpClient Client() => Gateway.CreateClient();

    public async Task InitializeAsync()
    {
        foreach (var service in GatewayFactory.ServiceNames)
        {
            Backends[service] = await TestBackend.StartAsync(service);
        }

        Gateway = GatewayFactory.For(Backends, jwksFrom: Backends["directory"]);
        Gateway.StartServer();
    }

    public async Task DisposeAsync()
    {
        await Gateway.DisposeAsync();
        foreach (var backend in Backends.Values)
        {
            await backend.DisposeAsync();
        }
    }
}

[CollectionDefinition(nameof(Platform))]
public sealed class PlatformCollection : ICollectionFixture<Platform>;
