using Microsoft.AspNetCore.Http.HttpResults;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Security;

namespace Network.Matching.Apis;

/// <summary>
/// Counts for the coordinators' network overview (<see cref="MatchingStatistics"/>): what is listed now
/// by kind, topic and region, and per month what was published, suggested, answered and formed.
/// </summary>
public static class StatisticsApi
{
    public static IEndpointRouteBuilder MapStatisticsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/matching/statistics", GetAsync).WithTags("Statistics").RequireAuthorization();
        return endpoints;
    }

    /// <summary>Coordinators only. `from` and `to` are months (`yyyy-MM`, both included); by default the last twelve.</summary>
    internal static async Task<Results<Ok<MatchingStatistics.Counts>, ValidationProblem, ProblemHttpResult>> GetAsync(
        string? from, string? to, HttpContext context, MatchingStatistics statistics, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!context.User.FindAll(NetworkClaims.Role).Any(claim => claim.Value == NetworkClaims.CoordinatorRole))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only coordinators see the network's statistics.");
        }

        var now = time.GetUtcNow();
        var (period, errors) = StatisticsPeriod.Read(from, to, now);
        if (period is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The statistics could not be counted.");
        }

        return TypedResults.Ok(await statistics.CountAsync(period, now, cancellationToken));
    }
}
