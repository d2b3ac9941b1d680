using Network.Events.Data;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>The viewer of the request, for the handlers that decide who may see or do what.</summary>
internal static class RequestViewer
{
    // Resolved from the request's services rather than taken as one more handler parameter: every
    // handler of every resource needs it, and its lookup is the same everywhere.
    public static Task<EventViewer> EventViewerAsync(this HttpContext context) =>
        context.RequestServices.GetRequiredService<EventViewers>().OfAsync(context.User, context.RequestAborted);
}
