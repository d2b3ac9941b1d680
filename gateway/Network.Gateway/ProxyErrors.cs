using Microsoft.AspNetCore.Diagnostics;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Network.Gateway;

/// <summary>
/// A service's own answer passes through untouched, errors included. When YARP could not get an
/// answer (the service is down, has no healthy instance, or timed out) it sets a status and leaves
/// the body empty; this writes a problem document that names the service instead.
/// </summary>
internal static partial class ProxyErrors
{
    public static IReverseProxyApplicationBuilder UseProxyErrorProblems(this IReverseProxyApplicationBuilder proxy)
    {
        proxy.Use(async (context, next) =>
        {
            // Status code pages would rewrite a service's bodiless 404 or 401; they are the service's to shape.
            if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
            {
                statusCodePages.Enabled = false;
            }

            await next(context);

            var error = context.GetForwarderErrorFeature();
            if (error is null || context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            var service = context.GetReverseProxyFeature().Cluster.Config.ClusterId;
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProxyErrors));
            LogForwardingFailed(logger, error.Exception, service, error.Error, context.Request.Method, context.Request.Path);

            if (BodySizeLimit.IsBodyTooLarge(error.Exception))
            {
                await BodySizeLimit.WriteTooLargeAsync(context, context.RequestServices.GetRequiredService<IConfiguration>().MaxRequestBodyBytes());
                return;
            }

            var (status, title, detail) = Describe(error.Error, service, context.Response.StatusCode);
            await GatewayProblems.WriteAsync(context, status, title, detail);
        });
        return proxy;
    }

    private static (int Status, string Title, string Detail) Describe(ForwarderError error, string service, int statusFromYarp) => error switch
    {
        ForwarderError.NoAvailableDestinations => (
            StatusCodes.Status503ServiceUnavailable,
            $"The {service} service is unavailable.",
            $"No instance of the {service} service is ready at the moment. Try again shortly."),
        ForwarderError.RequestTimedOut => (
            StatusCodes.Status504GatewayTimeout,
            $"The {service} service did not answer in time.",
            "The request may or may not have taken effect; check before repeating it."),
        ForwarderError.RequestBodyClient => (
            StatusCodes.Status400BadRequest,
            "The request body could not be read.",
            "The connection broke or the body was malformed while it was being sent."),
        _ => (
            statusFromYarp is >= 500 and < 600 ? statusFromYarp : StatusCodes.Status502BadGateway,
            $"The {service} service is unavailable.",
            $"The gateway could not get an answer from the {service} service. Try again shortly."),
    };

    [LoggerMessage(Level = LogLevel.Warning, Message = "Forwarding to {Service} failed ({Error}) for {Method} {Path}")]
    private static partial void LogForwardingFailed(ILogger logger, Exception? exception, string service, ForwarderError error, string method, string path);
}
