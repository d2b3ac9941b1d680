namespace Network.Gateway;

/// <summary>
/// Kestrel refuses bodies over NETWORK_MAX_REQUEST_BODY_BYTES (ServiceDefaults sets its limit),
/// but only when the body is read, which for a proxied request is half-way through sending it to
/// a service. A declared Content-Length over the limit is refused here before anything is sent; a
/// chunked body that grows past it fails while YARP copies it, and <see cref="ProxyErrors"/> turns
/// that failure back into a 413.
/// </summary>
internal static class BodySizeLimit
{
    public static IApplicationBuilder UseRequestBodyLimit(this WebApplication app)
    {
        var limit = app.Configuration.MaxRequestBodyBytes();
        return app.Use(async (context, next) =>
        {
            if (context.Request.ContentLength > limit)
            {
                await WriteTooLargeAsync(context, limit);
                return;
            }

            await next(context);
        });
    }

    public static Task WriteTooLargeAsync(HttpContext context, long limit) =>
        GatewayProblems.WriteAsync(
            context,
            StatusCodes.Status413PayloadTooLarge,
            "The request body is too large.",
            $"Request bodies may have at most {limit} bytes.");

    /// <summary>Kestrel's body limit, reached while the body was read, somewhere in this exception's causes.</summary>
    public static bool IsBodyTooLarge(Exception? exception)
    {
        for (var cause = exception; cause is not null; cause = cause.InnerException)
        {
            if (cause is BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
            {
                return true;
            }
        }

        return false;
    }
}
