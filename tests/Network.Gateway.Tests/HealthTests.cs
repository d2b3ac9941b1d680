using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

[Collection(nameof(Platform))]
public sealed class HealthTests(Platform platform)
{
    [Fact]
    public async Task Readiness_is_200_when_every_service_is_ready()
    {
        using var client = platform.Client();

        using var response = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("healthy", report.GetProperty("status").GetString());
        var checks = report.GetProperty("checks");
        foreach (var service in GatewayFactory.ServiceNames)
        {
            Assert.Equal("healthy", checks.GetProperty(service).GetProperty("status").GetString());
        }

        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Readiness_is_503_naming_the_services_that_are_down_or_not_ready()
    {
        var backends = new Dictionary<string, TestBackend>
        {
            ["directory"] = await TestBackend.StartAsync("directory"),
            ["matching"] = await TestBackend.StartAsync("matching", readyStatus: StatusCodes.Status503ServiceUnavailable),
            ["messaging"] = await TestBackend.StartAsync("messaging"),
            ["web"] = await TestBackend.StartAsync("web"),
        };
        try
        {
            await using var gateway = GatewayFactory.For(backends);
            using var client = gateway.CreateClient();

            using var response = await client.GetAsync("/health/ready");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var checks = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("checks");
            Assert.Equal("unhealthy", checks.GetProperty("events").GetProperty("status").GetString());
            Assert.Contains("unreachable", checks.GetProperty("events").GetProperty("description").GetString());
            Assert.Equal("unhealthy", checks.GetProperty("matching").GetProperty("status").GetString());
            Assert.Contains("answered 503", checks.GetProperty("matching").GetProperty("description").GetString());
            Assert.Equal("healthy", checks.GetProperty("directory").GetProperty("status").GetString());
            // The summary is public; the services' addresses are not.
            Assert.DoesNotContain("127.0.0.1", checks.ToString());
        }
        finally
        {
            foreach (var backend in backends.Values)
            {
                await backend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task A_service_without_its_broker_is_degraded_but_still_takes_requests()
    {
        var backends = new Dictionary<string, TestBackend>();
        foreach (var service in GatewayFactory.ServiceNames)
        {
            backends[service] = await TestBackend.StartAsync(service, degraded: service == "events");
        }

        try
        {
            await using var gateway = GatewayFactory.For(backends, extra: new Dictionary<string, string?> { ["NETWORK_GATEWAY_HEALTH_INTERVAL_SECONDS"] = "0.2" });
            using var client = gateway.CreateClient();

            using var readiness = await client.GetAsync("/health/ready");
            // Several probe rounds: none may take the degraded service out of rotation.
            await Task.Delay(TimeSpan.FromSeconds(1));
            using var request = await client.GetAsync("/api/events/events");

            Assert.Equal(HttpStatusCode.OK, readiness.StatusCode);
            var report = await readiness.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("degraded", report.GetProperty("status").GetString());
            Assert.Equal("degraded", report.GetProperty("checks").GetProperty("events").GetProperty("status").GetString());
            Assert.Equal("healthy", report.GetProperty("checks").GetProperty("directory").GetProperty("status").GetString());
            Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        }
        finally
        {
            foreach (var backend in backends.Values)
            {
                await backend.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Liveness_is_the_gateway_own_even_with_every_service_down()
    {
        await using var gateway = GatewayFactory.For(new Dictionary<string, TestBackend>());
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/health/live");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
