using Network.ServiceDefaults.Health;
using Network.ServiceDefaults.Http;

namespace Network.Gateway;

internal static class GatewayPipeline
{
    /// <summary>
    /// The gateway's middleware, in the order it must run. Not ServiceDefaults'
    /// `UseServiceDefaults()`: the gateway needs the rate limiter between authentication and the
    /// refusal of invalid tokens, security headers on every answer, the body limit before
    /// anything is forwarded, status code pages kept off the services' answers, and no OpenAPI
    /// document of its own (it shows the services' ones). The pieces it shares with every service
    /// (the trace header, problem details, the health endpoints) are ServiceDefaults'.
    /// </summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        // First, so that every answer carries the trace id, the gateway's own refusals included.
        app.Use((context, next) =>
        {
            TraceResponse.AddHeaderOnStart(context);
            return next(context);
        });
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseRejectionOfInvalidTokens();
        app.UseRequestBodyLimit();
        app.UseApiDocs();

        app.MapHealthEndpoints();
        app.MapUnknownApiRoutes();
        app.MapReverseProxy(proxy =>
        {
            proxy.UseProxyErrorProblems();
            // No UseSessionAffinity(): no cluster uses affinity, and its cookie policy needs
            // System.IO.Hashing, which is not referenced (see the project file).
            proxy.UseLoadBalancing();
            proxy.UsePassiveHealthChecks();
        });
        return app;
    }
}
