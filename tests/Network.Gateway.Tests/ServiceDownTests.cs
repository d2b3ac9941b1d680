using System.Net;
using Microsoft.AspNetCore.Http;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

public sealed class ServiceDownTests
{
    [Fact]
    public async Task Service_down_is_a_502_or_503_problem_naming_the_service()
    {
        await using var gateway = GatewayFactory.For(new Dictionary<string, TestBackend>());
        using var client = gateway.CreateClient();

        using var response = await client.GetAsync("/api/messaging/notifications");

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable });
        var problem = await response.AssertProblemAsync(response.StatusCode);
        Assert.Equal("The messaging service is unavailable.", problem.GetProperty("title").GetString());
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Service_marked_unhealthy_by_the_probes_is_a_503_problem()
    {
        var events = await TestBackend.StartAsync("events", readyStatus: StatusCodes.Status503ServiceUnavailable);
        await using var _ = events;
        await using var gateway = GatewayFactory.For(
            new Dictionary<string, TestBackend> { ["events"] = events },
            extra: new Dictionary<string, string?> { ["NETWORK_GATEWAY_HEALTH_INTERVAL_SECONDS"] = "0.2" });
        using var client = gateway.CreateClient();

        HttpResponseMessage response;
        var deadline = DateTime.UtcNow.AddSeconds(10);
        do
        {
            await Task.Delay(200);
            response = await client.GetAsync("/api/events/events");
        }
        while (response.StatusCode == HttpStatusCode.OK && DateTime.UtcNow < deadline);

        using (response)
        {
            var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
            Assert.Equal("The events service is unavailable.", problem.GetProperty("title").GetString());
        }
    }
}
