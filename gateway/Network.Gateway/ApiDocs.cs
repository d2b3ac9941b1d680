using Swashbuckle.AspNetCore.SwaggerUI;

namespace Network.Gateway;

/// <summary>
/// One API page for the whole platform: Swagger UI at `/api/docs`, listing every service document
/// that a route of the gateway exposes at `/api/{service}/openapi/v1.json`. Adding a service's
/// routes to appsettings.json adds it here.
/// </summary>
internal static class ApiDocs
{
    public const string Path = "/api/docs";

    public static IApplicationBuilder UseApiDocs(this WebApplication app)
    {
        var documents = DocumentPaths(app.Configuration);
        return app.UseSwaggerUI(options =>
        {
            options.RoutePrefix = Path.TrimStart('/');
            options.DocumentTitle = "Network API";
            foreach (var (service, path) in documents)
            {
                options.SwaggerEndpoint(path, service);
            }

            options.DocExpansion(DocExpansion.List);
        });
    }

    /// <summary>The routes whose path is a service's OpenAPI document, named by their cluster.</summary>
    internal static IReadOnlyList<(string Service, string Path)> DocumentPaths(IConfiguration configuration) =>
        [.. configuration.GetSection("ReverseProxy:Routes").GetChildren()
            .Select(route => (Service: route["ClusterId"], Path: route["Match:Path"]))
            .Where(route => route.Service is not null && route.Path is not null && route.Path.EndsWith("/openapi/v1.json", StringComparison.Ordinal))
            .Select(route => (route.Service!, route.Path!))
            .OrderBy(route => route.Item2, StringComparer.Ordinal)];
}
