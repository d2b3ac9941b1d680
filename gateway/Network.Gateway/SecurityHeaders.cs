namespace Network.Gateway;

/// <summary>
/// Browser hardening headers on every response the gateway sends, its own and the services'. A
/// header the service already set wins: the web front end, for one, sends its own
/// Content-Security-Policy, which is why the strict policy is for `/api/` only.
/// </summary>
internal static class SecurityHeaders
{
    /// <summary>API responses are data, never pages: nothing in them may load or be framed.</summary>
    public const string ApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>
    /// Swagger UI loads its scripts and styles from the gateway, sets inline styles on its
    /// elements, draws icons from data: URIs and fetches the documents from the same origin.
    /// </summary>
    public const string ApiDocsContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private static readonly KeyValuePair<string, string>[] Always =
    [
        new("X-Content-Type-Options", "nosniff"),
        new("Referrer-Policy", "strict-origin-when-cross-origin"),
        new("X-Frame-Options", "DENY"),
        new("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        new("Cross-Origin-Opener-Policy", "same-origin"),
    ];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var contentSecurityPolicy = ContentSecurityPolicyFor(context.Request.Path);
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                foreach (var (name, value) in Always)
                {
                    headers.TryAdd(name, value);
                }

                if (contentSecurityPolicy is not null)
                {
                    headers.TryAdd("Content-Security-Policy", contentSecurityPolicy);
                }

                // Kestrel's own Server header is off; this drops the one a service's answer brings along.
                headers.Remove("Server");
                return Task.CompletedTask;
            });
            return next(context);
        });

    private static string? ContentSecurityPolicyFor(PathString path) =>
        path.StartsWithSegments(ApiDocs.Path) ? ApiDocsContentSecurityPolicy
        : path.StartsWithSegments("/api") ? ApiContentSecurityPolicy
        : null;
}
