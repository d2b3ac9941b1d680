using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;

namespace Network.ServiceDefaults.Http;

/// <summary>
/// Turns every exception that reaches the top into a problem document. Bad requests (malformed
/// JSON, a value of the wrong type, an unknown enum value or field) name the field at fault; any
/// other exception is a 500 that tells the client nothing about our internals.
/// </summary>
internal sealed partial class ProblemExceptionHandler(IProblemDetailsService problemDetails, ILogger<ProblemExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException bad => DescribeBadRequest(bad),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            problem = new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Something went wrong on our side.",
                Detail = "The error has been logged with the trace id of this request.",
            };
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem });
    }

    internal static ProblemDetails DescribeBadRequest(BadHttpRequestException bad)
    {
        if (bad.InnerException is JsonException json)
        {
            var field = FieldFromJsonPath(json.Path);
            var message = field is null
                ? "The request body is not valid JSON."
                : $"The value of '{field}' is not valid: check its type and, for a choice, that it is one of the documented values.";
            var unmapped = UnmappedProperty(json.Message);
            if (unmapped is not null)
            {
                field = unmapped;
                message = $"'{unmapped}' is not a field of this request.";
            }

            var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field ?? "body"] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request body could not be read.",
                Detail = message + Position(json),
            };
            return problem;
        }

        return new ProblemDetails
        {
            Status = bad.StatusCode,
            Title = bad.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => "The request body is too large.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON (Content-Type: application/json).",
                _ => "The request could not be understood.",
            },
            Detail = bad.Message,
        };
    }

    /// <summary>`$.sessions[0].startsAt` becomes `sessions[0].startsAt`; the root (`$`) has no field.</summary>
    internal static string? FieldFromJsonPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return null;
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static string? UnmappedProperty(string message)
    {
        const string marker = "The JSON property '";
        var start = message.IndexOf(marker, StringComparison.Ordinal);
        if (start < 0 || !message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return null;
        }

        start += marker.Length;
        var end = message.IndexOf('\'', start);
        return end > start ? message[start..end] : null;
    }

    private static string Position(JsonException json) =>
        json.LineNumber is { } line && json.BytePositionInLine is { } column
            ? $" (line {line + 1}, position {column + 1})"
            : string.Empty;

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, string path);
}
