using System.Net;
using System.Net.Http.Headers;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

public sealed class RateLimitTests : IAsyncLifetime
{
    private const int PermitsPerMinute = 3;
    private TestBackend directory = null!;
    private GatewayFactory gateway = null!;

    public async Task InitializeAsync()
    {
        directory = await TestBackend.StartAsync("directory");
        gateway = GatewayFactory.For(
            new Dictionary<string, TestBackend> { ["directory"] = directory },
            jwksFrom: directory,
            extra: new Dictionary<string, string?> { ["NETWORK_GATEWAY_RATE_LIMIT_PER_MINUTE"] = PermitsPerMinute.ToString() });
    }

    public async Task DisposeAsync()
    {
        await gateway.DisposeAsync();
        await directory.DisposeAsync();
    }

    [Fact]
    public async Task Requests_past_the_limit_are_a_429_problem_with_retry_after()
    {
        using var client = gateway.CreateClient();
        for (var i = 0; i < PermitsPerMinute; i++)
        {
            using var allowed = await client.GetAsync("/api/directory/taxonomy");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var response = await client.GetAsync("/api/directory/taxonomy");

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value.TotalSeconds, 1, 60);
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Health_endpoints_are_not_rate_limited()
    {
        using var client = gateway.CreateClient();

        for (var i = 0; i < PermitsPerMinute * 3; i++)
        {
            using var response = await client.GetAsync("/health/live");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Each_signed_in_subject_has_its_own_limit()
    {
        using var client = gateway.CreateClient();
        for (var i = 0; i < PermitsPerMinute; i++)
        {
            using var allowed = await SendAsync(client, TestTokens.Issue("alice"));
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var aliceAgain = await SendAsync(client, TestTokens.Issue("alice"));
        using var bob = await SendAsync(client, TestTokens.Issue("bob"));

        Assert.Equal(HttpStatusCode.TooManyRequests, aliceAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bob.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client.SendAsync(request);
    }
}
