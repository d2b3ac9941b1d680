using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Network.Gateway.Tests.Support;

/// <summary>
/// A small real service behind the gateway, on a free loopback port: it says it is ready (or degraded, or not),
/// serves a signing-key set and an OpenAPI document, and echoes every other request it receives.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication app;

    private TestBackend(string name, WebApplication app, string url)
    {
        Name = name;
        this.app = app;
        Url = url;
    }

    public string Name { get; }

    public string Url { get; }

    /// <summary>Set a header on every echoed response, to see whether the gateway keeps a service's own header.</summary>
    public Dictionary<string, string> ResponseHeaders { get; } = [];

    public static async Task<TestBackend> StartAsync(string name, int readyStatus = StatusCodes.Status200OK, bool degraded = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        TestBackend? backend = null;

        app.MapGet("/health/ready", () => Results.Json(new { status = readyStatus != 200 ? "unhealthy" : degraded ? "degraded" : "healthy" }, statusCode: readyStatus));
        app.MapGet("/.well-known/jwks.json", () => Results.Text(TestTokens.JsonWebKeySet, "application/json"));
        app.MapGet("/openapi/v1.json", () => Results.Json(new { openapi = "3.1.1", info = new { title = name, version = "v1" }, paths = new { } }));
        app.Map("/{**rest}", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            foreach (var (header, value) in backend!.ResponseHeaders)
            {
                context.Response.Headers[header] = value;
            }

            return Results.Json(new Echo(
                name,
                context.Request.Method,
                context.Request.Path + context.Request.QueryString,
                context.Request.Headers.ToDictionary(header => header.Key.ToLowerInvariant(), header => header.Value.ToString()),
                body));
        });

        await app.StartAsync();
        var address = app.Urls.Single();
        backend = new TestBackend(name, app, address);
        return backend;
    }

    /// <summary>An address where nothing listens: a service that is down.</summary>
    public static string DownUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

/// <summary>What a backend saw of a request (header names lower-cased).</summary>
public sealed record Echo(string Backend, string Method, string Path, Dictionary<string, string> Headers, string Body);
