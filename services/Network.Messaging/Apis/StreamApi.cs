using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Network.Messaging.Realtime;
using Network.ServiceDefaults.Security;

namespace Network.Messaging.Apis;

/// <summary>
/// `GET /api/messaging/stream`: server-sent events (text/event-stream) for the signed-in person.
/// First `event: ready` (the stream is listening), then `event: notification` for each new
/// notification of theirs and `event: message` for each new message in a conversation of their
/// organisations, each with the same JSON the API returns and its id as the event id. A comment
/// line every <see cref="Heartbeat"/> keeps proxies (the gateway's YARP cancels a request after
/// 100 seconds without data) and browsers from closing an idle stream. The stream ends when the
/// caller's token expires: which organisations' messages it carries is decided from the token, and
/// someone who has left an organisation must stop hearing from it. The client then reconnects with
/// a fresh token (EventSource does so by itself after `retry`) and catches up from the inbox and the
/// conversation list.
/// </summary>
public static class StreamApi
{
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    /// <summary>However long-lived a token (an external provider's may be), a stream is renewed at least daily.</summary>
    private static readonly TimeSpan MaximumLifetime = TimeSpan.FromDays(1);

    public static IEndpointRouteBuilder MapStreamApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/messaging/stream", StreamAsync).WithTags("Real time").RequireAuthorization();
        return endpoints;
    }

    internal static async Task StreamAsync(HttpContext context, StreamHub hub, IOptions<JsonOptions> json, TimeProvider time, CancellationToken requestAborted)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        using var untilExpiry = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
        if (long.TryParse(context.User.FindFirst("exp")?.Value, out var expires))
        {
            untilExpiry.CancelAfter(TimeSpan.FromSeconds(Math.Clamp(expires - time.GetUtcNow().ToUnixTimeSeconds(), 0, MaximumLifetime.TotalSeconds)));
        }

        var cancellationToken = untilExpiry.Token;
        using var subscription = hub.Subscribe(accountId, context.User.Memberships().Keys.ToHashSet());
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        // Tells nginx-style proxies in front of the gateway not to hold the stream back.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        await WriteAsync(response, "retry: 5000\nevent: ready\ndata: {}\n\n", cancellationToken);
        var reader = subscription.Events.Reader;
        while (!cancellationToken.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            heartbeat.CancelAfter(Heartbeat);
            try
            {
                if (!await reader.WaitToReadAsync(heartbeat.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
                continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var text = new StringBuilder();
            while (reader.TryRead(out var streamEvent))
            {
                text.Append("event: ").Append(streamEvent.Event).Append('\n')
                    .Append("id: ").Append(streamEvent.Id).Append('\n')
                    .Append("data: ").Append(JsonSerializer.Serialize(streamEvent.Data, json.Value.SerializerOptions)).Append("\n\n");
            }

            await WriteAsync(response, text.ToString(), cancellationToken);
        }
    }

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        try
        {
            await response.WriteAsync(text, cancellationToken);
            await response.Body.FlushAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The client went away; the loop ends with the request.
        }
    }
}
