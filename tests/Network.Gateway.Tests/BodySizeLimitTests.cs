using System.Net;
using System.Net.Http.Json;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

public sealed class BodySizeLimitTests : IAsyncLifetime
{
    private const int Limit = 1000;
    private TestBackend events = null!;
    private GatewayFactory gateway = null!;

    public async Task InitializeAsync()
    {
        events = await TestBackend.StartAsync("events");
        gateway = GatewayFactory.For(
            new Dictionary<string, TestBackend> { ["events"] = events },
            extra: new Dictionary<string, string?> { ["NETWORK_MAX_REQUEST_BODY_BYTES"] = Limit.ToString() });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await events.DisposeAsync();
    }

    [Fact]
    public async Task Body_at_the_limit_is_forwarded()
    {
        using var client = gateway.CreateClient();

        using var response = await client.PostAsync("/api/events/events", new StringContent(new string('a', Limit)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        Assert.Equal(Limit, echo!.Body.Length);
    }

    [Fact]
    public async Task Body_over_the_limit_with_content_length_is_a_413_problem()
    {
        using var client = gateway.CreateClient();
        var content = new ByteArrayContent(new byte[Limit + 1]);

        using var response = await client.PostAsync("/api/events/events", content);

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains(Limit.ToString(), problem.GetProperty("detail").GetString());
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Chunked_body_over_the_limit_is_a_413_problem()
    {
        using var client = gateway.CreateClient();
        // A stream of unknown length is sent chunked, without Content-Length.
        var content = new StreamContent(new UnknownLengthStream(new byte[Limit * 4]));

        using var response = await client.PostAsync("/api/events/events", content);

        Assert.Null(response.RequestMessage!.Content!.Headers.ContentLength);
        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Chunked_body_within_the_limit_is_forwarded()
    {
        using var client = gateway.CreateClient();
        var content = new StreamContent(new UnknownLengthStream(new byte[Limit / 2]));

        using var response = await client.PostAsync("/api/events/events", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
