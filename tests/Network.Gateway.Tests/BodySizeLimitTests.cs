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
        // Not CreateClient(): its redirect handler buffers the body and sends it with a Content-Length.
        using var client = gateway.CreateDefaultClient();
        var content = new StreamContent(new UnknownLengthStream(new byte[Limit * 4]));

        using var response = await client.PostAsync("/api/events/events", content);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Chunked_body_within_the_limit_is_forwarded()
    {
        using var client = gateway.CreateDefaultClient();
        var content = new StreamContent(new UnknownLengthStream(new byte[Limit / 2]));

        using var response = await client.PostAsync("/api/events/events", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        Assert.Equal(Limit / 2, echo!.Body.Length);
        Assert.Equal("chunked", echo.Headers.GetValueOrDefault("transfer-encoding"));
        Assert.False(echo.Headers.ContainsKey("content-length"));
    }

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked.</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : Stream
    {
        private readonly MemoryStream inner = new(bytes);

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, Math.Min(count, 256));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
