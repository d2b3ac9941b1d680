using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Microsoft.Net.Http.Headers;

namespace Network.Gateway;

/// <summary>
/// A request that presents a bearer token must present a valid one: forged and expired tokens are
/// refused at the edge, so no service spends work on them. A request without a token passes, and
/// each service decides what anonymous callers may do. The Authorization header is forwarded as it
/// came, so the services validate the same token themselves.
/// </summary>
internal static partial class PresentedTokens
{
    /// <summary>
    /// Runs after the rate limiter, which runs after authentication: a valid token's subject is
    /// the rate-limit partition, and a caller sending invalid tokens still uses up its address's
    /// permits.
    /// </summary>
    public static IApplicationBuilder UseRejectionOfInvalidTokens(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.Identity?.IsAuthenticated == true || !PresentsBearerToken(context.Request))
            {
                await next(context);
                return;
            }

            // The handler keeps the result UseAuthentication already computed for this request.
            var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(PresentedTokens));
            if (result.Failure is SecurityTokenSignatureKeyNotFoundException && !await SigningKeysAvailableAsync(context))
            {
                // Not the caller's fault: a 401 would tell clients to throw away a token that may be fine.
                LogKeysUnavailable(logger);
                await GatewayProblems.WriteAsync(
                    context,
                    StatusCodes.Status503ServiceUnavailable,
                    "Access tokens cannot be checked right now.",
                    "The directory's signing keys could not be fetched. Try again shortly.");
                return;
            }

            LogRejected(logger, context.Request.Method, context.Request.Path, result.Failure?.Message ?? "the token is empty");

            // The handler's challenge adds `WWW-Authenticate: Bearer error="invalid_token"` with the reason.
            await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            await GatewayProblems.WriteAsync(
                context,
                StatusCodes.Status401Unauthorized,
                "The access token is not valid.",
                "The token is malformed, expired or not signed by the directory. Sign in again, or send the request without a token.");
        });

    private static async Task<bool> SigningKeysAvailableAsync(HttpContext context)
    {
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        if (options.ConfigurationManager is null)
        {
            return true;
        }

        try
        {
            var configuration = await options.ConfigurationManager.GetConfigurationAsync(context.RequestAborted);
            return configuration.SigningKeys.Count > 0;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool PresentsBearerToken(HttpRequest request) =>
        request.Headers[HeaderNames.Authorization].ToString().StartsWith("Bearer", StringComparison.OrdinalIgnoreCase);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot check bearer tokens: the signing keys could not be fetched")]
    private static partial void LogKeysUnavailable(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused an invalid bearer token on {Method} {Path}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string method, string path, string reason);
}
