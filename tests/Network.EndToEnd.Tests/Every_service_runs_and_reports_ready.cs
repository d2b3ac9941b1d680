using System.Net;
using System.Text.Json;
using Network.EndToEnd.Tests.Platform;

namespace Network.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class Every_service_runs_and_reports_ready(PlatformFixture platform)
{
    [Theory]
    [InlineData("directory")]
    [InlineData("matching")]
    [InlineData("events")]
    [InlineData("messaging")]
    public async Task A_service_is_ready_when_its_database_and_the_broker_answer(string service)
    {
        // Another test of this collection may have stopped the broker a moment ago: the bus is then
        // "degraded" until every endpoint has reconnected, which must happen within a minute.
        var (status, body) = await PlatformClient.EventuallyAsync(
            async () =>
            {
                using var response = await platform.Http.GetAsync(new Uri(platform[service].BaseAddress, "/health/ready"));
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode == HttpStatusCode.OK && !answer.Item2.Contains("degraded", StringComparison.OrdinalIgnoreCase),
            TimeSpan.FromSeconds(60),
            TimeSpan.FromSeconds(1));

        Assert.Equal(HttpStatusCode.OK, status);
        using var health = JsonDocument.Parse(body);
        var checks = health.RootElement.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Contains(checks.EnumerateObject(), check => check.Name.Contains("masstransit", StringComparison.OrdinalIgnoreCase)
            && check.Value.GetProperty("status").GetString() == "healthy");
    }

    [Fact]
    public async Task The_gateway_reports_ready_only_for_the_whole_platform()
    {
        var response = await platform.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        foreach (var service in new[] { "directory", "matching", "events", "messaging", "web" })
        {
            Assert.Contains(service, body);
        }
    }

    [Theory]
    [InlineData("directory")]
    [InlineData("matching")]
    [InlineData("events")]
    [InlineData("messaging")]
    public async Task Each_service_publishes_its_openapi_document_through_the_gateway(string service)
    {
        var response = await platform.GetAsync($"/api/{service}/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.StartsWith("3.", document.RootElement.GetProperty("openapi").GetString());
    }

    [Fact]
    public async Task The_front_page_is_served_through_the_gateway_in_german()
    {
        var response = await platform.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"de\">", html);
        Assert.Contains("Vielfalt vernetzen", html);
        Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }
}
