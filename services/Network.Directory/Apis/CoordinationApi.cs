using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Data;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;

namespace Network.Directory.Apis;

/// <summary>
/// What coordinators read besides the queue: the audit log of status decisions (verify, reject,
/// suspend, reinstate) and the directory's counts for the network overview.
/// </summary>
public static class CoordinationApi
{
    public static IEndpointRouteBuilder MapCoordinationApi(this IEndpointRouteBuilder endpoints)
    {
        var coordinators = endpoints.MapGroup("/api/directory").WithTags("Coordination")
            .RequireAuthorization(policy => policy.RequireRole(NetworkClaims.CoordinatorRole));
        coordinators.MapGet("/status-decisions", StatusDecisionsAsync);
        coordinators.MapGet("/statistics", StatisticsAsync);
        return endpoints;
    }

    /// <summary>Newest first; `organisationId` narrows to one organisation; `limit`, `cursor`.</summary>
    internal static async Task<Results<Ok<Page<StatusDecision>>, ValidationProblem>> StatusDecisionsAsync(
        StatusDecisionLog log, string? organisationId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? organisation = null;
        if (organisationId is not null)
        {
            if (Guid.TryParse(organisationId, out var parsed))
            {
                organisation = parsed;
            }
            else
            {
                errors["organisationId"] = ["This is not an organisation id (a UUID)."];
            }
        }

        var (pageSize, before) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit log could not be read.");
        }

        var decisions = await log.ReadAsync(organisation, pageSize + 1, before, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(decisions, pageSize, decision => (decision.DecidedAt, decision.Id)));
    }

    internal static async Task<Ok<DirectoryStatistics.Counts>> StatisticsAsync(DirectoryStatistics statistics, CancellationToken cancellationToken) =>
        TypedResults.Ok(await statistics.CountAsync(cancellationToken));
}
