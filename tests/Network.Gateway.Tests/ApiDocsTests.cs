using System.Net;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

[Collection(nameof(Platform))]
public sealed class ApiDocsTests(Platform platform)
{
    [Fact]
    public async Task Api_docs_serve_swagger_ui_listing_the_four_service_documents()
    {
        using var client = platform.Client();

        // The client follows Swagger UI's redirect from /api/docs to /api/docs/index.html.
        using var page = await client.GetAsync("/api/docs");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("swagger-ui", html);
        var configuration = html + await client.GetStringAsync("/api/docs/index.js");
        foreach (var service in new[] { "directory", "matching", "events", "messaging" })
        {
            Assert.Contains($"/api/{service}/openapi/v1.json", configuration);
        }
    }

    [Fact]
    public async Task Api_docs_have_a_policy_that_lets_swagger_ui_run()
    {
        using var client = platform.Client();

        using var page = await client.GetAsync("/api/docs/index.html");

        var policy = page.Header("Content-Security-Policy");
        Assert.NotNull(policy);
        Assert.Contains("script-src 'self'", policy);
        Assert.Contains("connect-src 'self'", policy);
        Assert.DoesNotContain("default-src 'none'; frame-ancestors 'none'", policy);
    }
}
