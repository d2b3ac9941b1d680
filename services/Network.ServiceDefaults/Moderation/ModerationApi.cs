using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;

namespace Network.ServiceDefaults.Moderation;

/// <summary>
/// The moderation endpoints every service with user content offers under its own prefix: anyone
/// signed in reports, coordinators work the queue, decide and read the audit log.
/// </summary>
public static class ModerationApi
{
    public sealed record ReportRequest(string? ContentType, Guid? ContentId, string? Reason);

    public sealed record DecisionRequest(string? ContentType, Guid? ContentId, ModerationDecision? Decision, string? Reason);

    /// <summary>The recorded decision and the state it left the content in.</summary>
    public sealed record DecisionResponse(
        Guid Id, string ContentType, Guid ContentId, ModerationDecision Decision, string Reason, Guid CoordinatorAccountId, DateTime DecidedAt, ModerationState State);

    internal static void Map(IEndpointRouteBuilder endpoints, ServiceIdentity identity)
    {
        var api = endpoints.MapGroup($"/api/{identity.Name}").WithTags("Moderation");
        api.MapPost("/reports", ReportAsync).RequireAuthorization();
        var coordinators = api.MapGroup("/moderation").RequireAuthorization(policy => policy.RequireRole(NetworkClaims.CoordinatorRole));
        coordinators.MapGet("/queue", QueueAsync);
        coordinators.MapPost("/decisions", DecideAsync);
        coordinators.MapGet("/audit", AuditAsync);
    }

    internal static async Task<Results<Created<ContentReport>, Ok<ContentReport>, ValidationProblem, ProblemHttpResult>> ReportAsync(
        ReportRequest request, HttpContext context, ModerationTargets targets, ModerationStore store, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckContent(targets, request.ContentType, request.ContentId, errors);
        if (ModerationRules.ReasonProblem(request.Reason) is { } reasonProblem)
        {
            errors["reason"] = [reasonProblem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The report could not be filed.");
        }

        if (context.User.AccountId() is not { } reporterAccountId)
        {
            return NotOneOfOurAccounts();
        }

        var result = await store.ReportAsync(
            targets.Find(request.ContentType)!, request.ContentId!.Value, request.Reason!.Trim(), context.User, reporterAccountId, cancellationToken);
        return result.Outcome switch
        {
            ReportOutcome.Filed => TypedResults.Created((string?)null, result.Report),
            ReportOutcome.AlreadyOpen => TypedResults.Ok(result.Report),
            ReportOutcome.Refused => Problem(StatusCodes.Status409Conflict, "The content cannot be reported.", "contentId", result.Refusal!),
            _ => ContentNotFound(request.ContentType!),
        };
    }

    internal static async Task<Results<Ok<Page<QueueItem>>, ValidationProblem>> QueueAsync(
        ModerationTargets targets, ModerationQueue queue, string? contentType, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (contentType is not null && targets.ContentTypeProblem(contentType) is { } typeProblem)
        {
            errors["contentType"] = [typeProblem];
        }

        var (pageSize, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The queue could not be read.");
        }

        var selected = contentType is null ? targets.All.ToList() : [targets.Find(contentType)!];
        var items = await queue.ReadAsync(selected, pageSize + 1, after, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(items, pageSize, item => (item.WaitingSince, item.ContentId)));
    }

    internal static async Task<Results<Created<DecisionResponse>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        DecisionRequest request, HttpContext context, ModerationTargets targets, ModerationStore store, ServiceIdentity identity, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        CheckContent(targets, request.ContentType, request.ContentId, errors);
        if (request.Decision is null)
        {
            errors["decision"] = ["Choose 'approve', 'hide', 'restore' or 'reject'."];
        }

        if (ModerationRules.ReasonProblem(request.Reason) is { } reasonProblem)
        {
            // The owner is told the reason, and the audit log keeps it: a decision without one explains nothing.
            errors["reason"] = [reasonProblem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The decision could not be recorded.");
        }

        if (context.User.AccountId() is not { } coordinatorAccountId)
        {
            return NotOneOfOurAccounts();
        }

        var result = await store.DecideAsync(
            targets.Find(request.ContentType)!, request.ContentId!.Value, request.Decision!.Value, request.Reason!.Trim(), coordinatorAccountId, cancellationToken);
        switch (result.Outcome)
        {
            case DecisionOutcome.Recorded:
                var entry = result.Entry!;
                return TypedResults.Created(
                    $"/api/{identity.Name}/moderation/audit?contentType={Uri.EscapeDataString(entry.ContentType)}&contentId={entry.ContentId}",
                    new DecisionResponse(entry.Id, entry.ContentType, entry.ContentId, entry.Decision, entry.Reason, entry.CoordinatorAccountId, entry.DecidedAt, result.State!.Value));
            case DecisionOutcome.Refused:
                return Problem(StatusCodes.Status409Conflict, "The decision does not fit the content's state.", "decision", result.Refusal!);
            default:
                return ContentNotFound(request.ContentType!);
        }
    }

    internal static async Task<Results<Ok<Page<AuditEntry>>, ValidationProblem>> AuditAsync(
        ModerationTargets targets, ModerationStore store, string? contentType, string? contentId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (contentType is not null && targets.ContentTypeProblem(contentType) is { } typeProblem)
        {
            errors["contentType"] = [typeProblem];
        }

        Guid? content = null;
        if (contentId is not null)
        {
            if (Guid.TryParse(contentId, out var parsed))
            {
                content = parsed;
            }
            else
            {
                errors["contentId"] = ["This is not a content id (a UUID)."];
            }
        }

        var (pageSize, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The audit log could not be read.");
        }

        var entries = await store.AuditAsync(contentType, content, pageSize + 1, after, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(entries, pageSize, entry => (entry.DecidedAt, entry.Id)));
    }

    private static void CheckContent(ModerationTargets targets, string? contentType, Guid? contentId, Dictionary<string, string[]> errors)
    {
        if (targets.ContentTypeProblem(contentType) is { } typeProblem)
        {
            errors["contentType"] = [typeProblem];
        }

        if (contentId is null || contentId == Guid.Empty)
        {
            errors["contentId"] = ["Say which content this is about (its id)."];
        }
    }

    // Content the caller may not see is answered exactly like content that does not exist.
    private static ProblemHttpResult ContentNotFound(string contentType) =>
        Problem(StatusCodes.Status404NotFound, "There is no such content.", "contentId", $"There is no {contentType.Replace('_', ' ')} with this id.");

    // A token from an external provider whose subject is not one of our account ids can neither
    // report (a report is kept per person) nor decide (the audit log names the coordinator).
    private static ProblemHttpResult NotOneOfOurAccounts() =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This needs an account of this platform.");

    private static ProblemHttpResult Problem(int status, string title, string field, string message) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: message,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });
}
