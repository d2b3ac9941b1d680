using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Network.Web.Account;
using Network.Web.Api;

namespace Network.Web.Inbox;

/// <summary>
/// `GET /postfach/live`: the signed-in person's live stream for the inbox script. A browser's
/// EventSource cannot send the Authorization header the messaging stream needs, so this opens
/// `/api/messaging/stream` through the gateway with the session's access token and relays its events
/// as server-sent events of its own: `ready`, then `notification` (with the address of the page it
/// is about) and `message`, with only what the pages show. The token is used for this one upstream
/// request and kept nowhere else; the relay ends with the browser's request (the upstream stream is
/// closed with it) and when the upstream stream ends, which it does when the token expires. The
/// browser then reconnects, and the new request brings a renewed token.
/// </summary>
public static partial class LiveUpdates
{
    public const string Path = "/postfach/live";

    private const string MessagingStreamPath = "/api/messaging/stream";

    /// <summary>When the messaging service cannot be reached, the browser tries again after this long, not at once.</summary>
    private const int RetryAfterFailureMilliseconds = 30_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapInboxLiveUpdates(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, RelayAsync).ExcludeFromDescription();
        return endpoints;
    }

    internal static async Task RelayAsync(HttpContext context, IHttpClientFactory clients, ILoggerFactory loggers)
    {
        // A stream gets no error page; the status alone tells EventSource to stop.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var browserLeft = context.RequestAborted;
        if (context.User.Identity?.IsAuthenticated != true || Session.AccessTokenOf(context) is not { } accessToken)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        HttpResponseMessage upstream;
        try
        {
            upstream = await OpenStreamAsync(clients, accessToken, browserLeft);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !browserLeft.IsCancellationRequested)
        {
            LogUnavailable(loggers.CreateLogger(typeof(LiveUpdates).FullName!), exception.Message);
            await TryAgainLaterAsync(context.Response, browserLeft);
            return;
        }
        catch (OperationCanceledException)
        {
            return;
        }

        using (upstream)
        {
            if (upstream.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                // 204 is how a server tells EventSource not to reconnect: this session cannot have a stream.
                context.Response.StatusCode = StatusCodes.Status204NoContent;
                return;
            }

            if (!upstream.IsSuccessStatusCode)
            {
                LogUnavailable(loggers.CreateLogger(typeof(LiveUpdates).FullName!), $"status {(int)upstream.StatusCode}");
                await TryAgainLaterAsync(context.Response, browserLeft);
                return;
            }

            StartStream(context);
            try
            {
                await using var body = await upstream.Content.ReadAsStreamAsync(browserLeft);
                using var reader = new StreamReader(body, Encoding.UTF8);
                await RelayEventsAsync(reader, context.Response, browserLeft);
            }
            catch (Exception exception) when (exception is OperationCanceledException or IOException or HttpRequestException)
            {
                // The browser went away, or the messaging service did: either way this request is over,
                // and disposing the upstream response closes the other end.
            }
        }
    }

    /// <summary>The messaging stream with the token of this request; disposing the response closes it.</summary>
    private static async Task<HttpResponseMessage> OpenStreamAsync(IHttpClientFactory clients, string accessToken, CancellationToken cancellationToken)
    {
        // A client of its own, without the 30-second limit of the pages' API calls: a stream lives for minutes.
        var gateway = clients.CreateClient(WebFrontEnd.AnonymousGatewayClient);
        gateway.Timeout = Timeout.InfiniteTimeSpan;
        using var request = new HttpRequestMessage(HttpMethod.Get, MessagingStreamPath);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.ParseAdd("text/event-stream");
        return await gateway.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    private static void StartStream(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        // Tells nginx-style proxies in front of the gateway not to hold the stream back.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
    }

    private static async Task TryAgainLaterAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        StartStream(response.HttpContext);
        await WriteAsync(response, $"retry: {RetryAfterFailureMilliseconds}\n\n", cancellationToken);
    }

    /// <summary>Reads server-sent events line by line and passes on each, translated, as soon as it is complete.</summary>
    private static async Task RelayEventsAsync(StreamReader reader, HttpResponse response, CancellationToken cancellationToken)
    {
        string? name = null;
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (Translate(name, data.ToString()) is { } translated)
                {
                    await WriteAsync(response, translated, cancellationToken);
                }

                name = null;
                data.Clear();
            }
            else if (line[0] == ':')
            {
                // The messaging service's keep-alive: passed on, so proxies between here and the browser keep the stream open too.
                await WriteAsync(response, ": keep-alive\n\n", cancellationToken);
            }
            else if (Field(line, "event") is { } eventName)
            {
                name = eventName;
            }
            else if (Field(line, "data") is { } dataLine)
            {
                data.Append(data.Length > 0 ? "\n" : string.Empty).Append(dataLine);
            }
            else if (Field(line, "retry") is { } retry && int.TryParse(retry, out var milliseconds))
            {
                await WriteAsync(response, $"retry: {milliseconds}\n\n", cancellationToken);
            }
        }
    }

    /// <summary>What the pages need of an event, and nothing of the others (the ids of accounts, for one).</summary>
    private static string? Translate(string? name, string data)
    {
        object? relayed;
        try
        {
            relayed = name switch
            {
                "ready" => new { },
                "notification" when JsonSerializer.Deserialize<Notification>(data, Json) is { } notification => new
                {
                    notification.Id,
                    notification.Title,
                    notification.Body,
                    Page = NotificationLinks.PageOf(notification.Link),
                },
                "message" when JsonSerializer.Deserialize<Message>(data, Json) is { Hidden: false } message => new
                {
                    message.Id,
                    message.ConversationId,
                    message.SenderOrganisationId,
                    message.Text,
                },
                _ => null,
            };
        }
        catch (JsonException)
        {
            relayed = null;
        }

        return relayed is null ? null : $"event: {name}\ndata: {JsonSerializer.Serialize(relayed, Json)}\n\n";
    }

    private static string? Field(string line, string field) =>
        line.StartsWith(field, StringComparison.Ordinal) && line.Length > field.Length && line[field.Length] == ':'
            ? line[(field.Length + 1)..].TrimStart(' ')
            : null;

    private static async Task WriteAsync(HttpResponse response, string text, CancellationToken cancellationToken)
    {
        await response.WriteAsync(text, cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live stream of the messaging service could not be opened: {Reason}")]
    private static partial void LogUnavailable(ILogger logger, string reason);
}
