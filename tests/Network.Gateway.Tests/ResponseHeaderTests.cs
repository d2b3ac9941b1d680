using System.Net;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

[Collection(nameof(Platform))]
public sealed class ResponseHeaderTests(Platform platform)
{
    public static TheoryData<string> Paths() => new() { "/api/directory/organisations", "/api/nope/x", "/events/upcoming", "/health/live" };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Security_headers_are_on_every_response(string path)
    {
        using var client = platform.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
        Assert.Equal("strict-origin-when-cross-origin", response.Header("Referrer-Policy"));
        Assert.Equal("DENY", response.Header("X-Frame-Options"));
        Assert.Equal("camera=(), microphone=(), geolocation=()", response.Header("Permissions-Policy"));
        Assert.Equal("same-origin", response.Header("Cross-Origin-Opener-Policy"));
        Assert.Null(response.Header("Server"));
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Api_responses_forbid_loading_anything()
    {
        using var client = platform.Client();

        using var proxied = await client.GetAsync("/api/events/events");
        using var refused = await client.GetAsync("/api/nope/x");

        Assert.Equal("default-src 'none'; frame-ancestors 'none'", proxied.Header("Content-Security-Policy"));
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", refused.Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task Web_pages_keep_the_front_end_own_policy()
    {
        using var client = platform.Client();

        using var response = await client.GetAsync("/events/upcoming");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(response.Header("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_header_the_service_set_is_kept()
    {
        var web = await TestBackend.StartAsync("web");
        await using var _ = web;
        web.ResponseHeaders["X-Frame-Options"] = "SAMEORIGIN";
        web.ResponseHeaders["Content-Security-Policy"] = "default-src 'self'";
        await using var gateway = GatewayFactory.For(new Dictionary<string, TestBackend> { ["web"] = web });
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/");

        Assert.Equal("SAMEORIGIN", response.Header("X-Frame-Options"));
        Assert.Equal("default-src 'self'", response.Header("Content-Security-Policy"));
        Assert.Equal("nosniff", response.Header("X-Content-Type-Options"));
    }
}
