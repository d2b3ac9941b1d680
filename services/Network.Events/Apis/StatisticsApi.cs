using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Data;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>`GET /api/events/statistics`: counts for coordinators, for events whose first session lies between `from` and `to` (both optional).</summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events/statistics", CountAsync).WithTags("Statistics").RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Ok<EventStatistics>, ValidationProblem, ProblemHttpResult>> CountAsync(
        HttpContext context, StatisticsStore statistics, string? from, string? to, CancellationToken cancellationToken)
    {
        if (!(await context.EventViewerAsync()).IsCoordinator)
        {
            return EventsApi.Forbidden("Only coordinators see the statistics.");
        }

        var errors = new Dictionary<string, string[]>();
        DateTimeOffset? Read(string? text, string field)
        {
            if (string.IsNullOrEmpty(text))
            {
                return null;
            }

            // A plain date as `to` takes in the whole day.
            var (instant, error) = field == "to" ? BerlinTime.ParseEnd(text) : BerlinTime.Parse(text);
            if (error is not null)
            {
                errors[field] = [error];
            }

            return instant;
        }

        var fromInstant = Read(from, "from");
        var toInstant = Read(to, "to");
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The statistics could not be counted.");
        }

        return TypedResults.Ok(await statistics.CountAsync(fromInstant, toInstant, cancellationToken));
    }
}
