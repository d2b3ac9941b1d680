using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Network.ServiceDefaults.Security;

namespace Network.Gateway;

/// <summary>
/// Each client may send NETWORK_GATEWAY_RATE_LIMIT_PER_MINUTE requests a minute. A client is the
/// subject of a valid token, else its address (<see cref="ClientAddress"/>: the person's own
/// address also when the web front end calls for them), so people behind one shared address who are
/// signed in do not use up each other's permits. Health probes are never limited: an orchestrator
/// that gets a 429 would restart a healthy gateway.
/// </summary>
internal static partial class RateLimiting
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var permits = configuration.PermitsPerMinute();
            var clientAddress = ClientAddress.From(configuration);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, permits, clientAddress));
            options.OnRejected = (rejected, _) => RejectAsync(rejected, permits);
        });
        return services;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, int permits, ClientAddress clientAddress)
    {
        if (context.Request.Path.StartsWithSegments("/health"))
        {
            return RateLimitPartition.GetNoLimiter("health");
        }

        var client = context.User.FindFirst(NetworkClaims.Subject)?.Value is { } subject
            ? "sub:" + subject
            : "ip:" + clientAddress.Of(context);
        return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = Window,
            QueueLimit = 0,
        });
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, int permits)
    {
        var context = rejected.HttpContext;
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
        var seconds = (int)Math.Max(1, Math.Ceiling(wait.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);

        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(RateLimiting));
        LogRejected(logger, context.Request.Method, context.Request.Path, seconds);

        await GatewayProblems.WriteAsync(
            context,
            StatusCodes.Status429TooManyRequests,
            "Too many requests.",
            $"A client may send {permits} requests a minute. Try again in {seconds} seconds.");
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rate limit reached on {Method} {Path}; retry after {RetryAfterSeconds} s")]
    private static partial void LogRejected(ILogger logger, string method, string path, int retryAfterSeconds);
}
