using System.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Network.ServiceDefaults.Http;

/// <summary>
/// Puts the trace id on every response as a W3C `traceresponse` header
/// (`00-{trace-id}-{span-id}-{flags}`, the same shape as `traceparent`), so a person reporting a
/// problem can quote it and an operator can find every span of that request.
/// </summary>
public static class TraceResponse
{
    public const string HeaderName = "traceresponse";

    public static void AddHeaderOnStart(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var httpContext = (HttpContext)state;
            var activity = Activity.Current;
            if (activity is not null && activity.IdFormat == ActivityIdFormat.W3C)
            {
                var flags = activity.Recorded ? "01" : "00";
                httpContext.Response.Headers[HeaderName] = $"00-{activity.TraceId}-{activity.SpanId}-{flags}";
            }

            return Task.CompletedTask;
        }, context);
    }
}
