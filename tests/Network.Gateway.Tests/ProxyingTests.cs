using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

[Collection(nameof(Platform))]
public sealed class ProxyingTests(Platform platform)
{
    [Fact]
    public async Task Proxying_keeps_the_path_and_the_authorization_header_and_passes_traceparent()
    {
        using var client = platform.Client();
        var token = TestTokens.Issue("alice");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/organisations/42?kind=mso");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        Assert.Equal("directory", echo!.Backend);
        Assert.Equal("/api/directory/organisations/42?kind=mso", echo.Path);
        Assert.Equal("Bearer " + token, echo.Headers["authorization"]);
        var traceparent = echo.Headers["traceparent"];
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", traceparent);
        // The service's span continues the trace the gateway answers with.
        var traceId = response.AssertTraceResponse().Split('-')[1];
        Assert.Equal(traceId, traceparent.Split('-')[1]);
    }

    [Fact]
    public async Task Each_service_gets_its_own_paths_and_the_web_front_end_the_rest()
    {
        using var client = platform.Client();

        foreach (var service in new[] { "directory", "matching", "events", "messaging" })
        {
            var echo = await client.GetFromJsonAsync<Echo>($"/api/{service}/things");
            Assert.Equal(service, echo!.Backend);
            Assert.Equal($"/api/{service}/things", echo.Path);
        }

        var page = await client.GetFromJsonAsync<Echo>("/events/upcoming");
        Assert.Equal("web", page!.Backend);
        Assert.Equal("/events/upcoming", page.Path);
    }

    [Fact]
    public async Task Post_bodies_reach_the_service_unchanged()
    {
        using var client = platform.Client();

        using var response = await client.PostAsync("/api/events/events", new StringContent("""{"title":"Round table"}""", System.Text.Encoding.UTF8, "application/json"));

        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        Assert.Equal("POST", echo!.Method);
        Assert.Equal("""{"title":"Round table"}""", echo.Body);
    }

    [Fact]
    public async Task A_service_openapi_document_is_served_under_its_api_path()
    {
        using var client = platform.Client();

        using var response = await client.GetAsync("/api/matching/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = await response.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("matching", document.GetProperty("info").GetProperty("title").GetString());
    }

    [Fact]
    public async Task Unknown_api_route_is_a_404_problem()
    {
        using var client = platform.Client();

        using var response = await client.GetAsync("/api/nope/x");

        var problem = await response.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Equal("No API at this path.", problem.GetProperty("title").GetString());
        response.AssertTraceResponse();
    }
}
