namespace Network.Gateway;

/// <summary>
/// `/api/...` paths that name no service are answered here. Without this route they would match
/// the web front end's catch-all and come back as an HTML page where a client expects JSON.
/// </summary>
internal static class UnknownApiRoutes
{
    public static IEndpointRouteBuilder MapUnknownApiRoutes(this IEndpointRouteBuilder endpoints)
    {
        // The services' YARP routes are more specific (`/api/directory/{**rest}`), so they win.
        endpoints.Map("/api/{**rest}", (HttpContext context) => GatewayProblems.WriteAsync(
            context,
            StatusCodes.Status404NotFound,
            "No API at this path.",
            "API paths start with /api/{service}/; see /api/docs for the services and their operations."));
        return endpoints;
    }
}
