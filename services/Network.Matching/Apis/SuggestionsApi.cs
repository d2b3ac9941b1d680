using Microsoft.AspNetCore.Http.HttpResults;
using Network.Contracts.Matching;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Matching.Apis;

/// <summary>
/// What fits a listing and what the two sides make of it: the live ranking of a listing's
/// counterparts, the stored suggestions of an organisation, and the answers (interest, decline)
/// that turn a suggestion into a partnership. A suggestion is seen by the members of both its
/// organisations and by coordinators; to anyone else it does not exist (404).
/// </summary>
public static class SuggestionsApi
{
    /// <summary>One side of a suggestion: its listing, its organisation, and whether it said it is interested.</summary>
    public sealed record SuggestionSideResponse(Guid ListingId, string Title, Guid OrganisationId, string OrganisationName, bool Interested);

    public sealed record SuggestionResponse(
        Guid Id,
        SuggestionStatus Status,
        double Score,
        IReadOnlyList<MatchReason> Reasons,
        SuggestionSideResponse Offer,
        SuggestionSideResponse Request,
        Guid? DeclinedByOrganisationId,
        string? DeclineReason,
        string? ClosedReason,
        Guid? PartnershipId,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt);

    public sealed record InterestRequest(Guid? OrganisationId);

    public sealed record DeclineRequest(Guid? OrganisationId, string? Reason);

    public static IEndpointRouteBuilder MapSuggestionsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/matching/suggestions").WithTags("Suggestions").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPost("/{id:guid}/interest", InterestAsync);
        api.MapPost("/{id:guid}/decline", DeclineAsync);
        return endpoints;
    }

    /// <summary>
    /// An organisation's suggestions, newest first. `status` narrows them (`open` by default; repeat
    /// it for several, or give `all`).
    /// </summary>
    internal static async Task<Results<Ok<Page<SuggestionResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? organisationId, string[]? status, int? limit, string? cursor, HttpContext context, SuggestionStore suggestions, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var errors = new Dictionary<string, string[]>();
        if (organisationId is null)
        {
            errors["organisationId"] = ["Name the organisation whose suggestions to list."];
        }

        var statuses = ReadStatuses(status, errors);
        var (effectiveLimit, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The suggestions could not be listed.");
        }

        if (!viewer.IsCoordinator && !viewer.IsMemberOf(organisationId!.Value))
        {
            return Forbidden("Only members of the organisation see its suggestions.");
        }

        var rows = await suggestions.ListAsync(organisationId!.Value, statuses, after, effectiveLimit, cancellationToken);
        var page = Paging.ToPage(rows, effectiveLimit, s => (s.CreatedAt.UtcDateTime, s.Id));
        return TypedResults.Ok(new Page<SuggestionResponse>(page.Items.Select(s => Describe(viewer, s)).ToList(), page.NextCursor));
    }

    internal static async Task<Results<Ok<SuggestionResponse>, NotFound>> GetAsync(
        Guid id, HttpContext context, SuggestionStore suggestions, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var suggestion = await suggestions.FindAsync(id, cancellationToken);
        if (suggestion is null || !CanSee(viewer, suggestion))
        {
            return TypedResults.NotFound();
        }

        ETags.Set(context.Response, suggestion.UpdatedAt.UtcTicks);
        return TypedResults.Ok(Describe(viewer, suggestion));
    }

    /// <summary>
    /// The organisation is interested. Saying it twice changes nothing; when the other side is
    /// interested too, the partnership is formed and the answer carries its id.
    /// </summary>
    internal static Task<Results<Ok<SuggestionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> InterestAsync(
        Guid id, InterestRequest request, HttpContext context, SuggestionStore suggestions, CancellationToken cancellationToken) =>
        AnswerAsync(id, request.OrganisationId, [], needsBothListed: true, SuggestionRules.ExpressInterest, context, suggestions, cancellationToken);

    /// <summary>The organisation declines, optionally saying why (the other side reads the reason).</summary>
    internal static Task<Results<Ok<SuggestionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> DeclineAsync(
        Guid id, DeclineRequest request, HttpContext context, SuggestionStore suggestions, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (request.Reason is { } reason)
        {
            if (reason.Length > SuggestionRules.MaximumDeclineReasonLength)
            {
                errors["reason"] = [$"The reason can be at most {SuggestionRules.MaximumDeclineReasonLength} characters long."];
            }
            else if (TextRules.HasControlCharacters(reason, allowLineBreaks: true))
            {
                errors["reason"] = ["The reason contains control characters."];
            }
        }

        return AnswerAsync(
            id,
            request.OrganisationId,
            errors,
            needsBothListed: false,
            (suggestion, side, now) => SuggestionRules.Decline(suggestion, side, request.Reason, now),
            context,
            suggestions,
            cancellationToken);
    }

    private static async Task<Results<Ok<SuggestionResponse>, ValidationProblem, NotFound, ProblemHttpResult>> AnswerAsync(
        Guid id,
        Guid? organisationId,
        Dictionary<string, string[]> errors,
        bool needsBothListed,
        Func<Suggestion, SuggestionSide, DateTimeOffset, (Suggestion, AnswerOutcome)> rule,
        HttpContext context,
        SuggestionStore suggestions,
        CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        if (organisationId is null)
        {
            errors["organisationId"] = ["Name the organisation that answers."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The answer could not be recorded.");
        }

        var suggestion = await suggestions.FindAsync(id, cancellationToken);
        if (suggestion is null || !CanSee(viewer, suggestion))
        {
            return TypedResults.NotFound();
        }

        if (suggestion.SideOf(organisationId!.Value) is not { } side)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["organisationId"] = ["The organisation is not one of the two sides of this suggestion."] },
                title: "The answer could not be recorded.");
        }

        // Coordinators see every suggestion but answer only for organisations they belong to.
        if (!viewer.IsMemberOf(organisationId.Value))
        {
            return Forbidden("Only members of the organisation may answer for it.");
        }

        var answered = await suggestions.AnswerAsync(id, side, needsBothListed, (current, now) => rule(current, side, now), cancellationToken);
        if (answered is not { } result)
        {
            return TypedResults.NotFound();
        }

        switch (result.Outcome)
        {
            case AnswerOutcome.NotOpen:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The suggestion takes no more answers.",
                    detail: $"It is {EnumCodes.Of(result.Suggestion.Status)}.");
            case AnswerOutcome.ListingUnavailable:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "One of the two listings is no longer listed.",
                    detail: "It was withdrawn, has expired, or is unavailable for now; the suggestion closes.");
            default:
                return TypedResults.Ok(Describe(viewer, result.Suggestion));
        }
    }

    private static bool CanSee(ListingViewer viewer, Suggestion suggestion) =>
        viewer.IsCoordinator || viewer.IsMemberOf(suggestion.OfferOrganisationId) || viewer.IsMemberOf(suggestion.RequestOrganisationId);

    private static IReadOnlyCollection<SuggestionStatus> ReadStatuses(string[]? values, Dictionary<string, string[]> errors)
    {
        if (values is null || values.Length == 0)
        {
            return [SuggestionStatus.Open];
        }

        if (values.Contains("all", StringComparer.Ordinal))
        {
            return Enum.GetValues<SuggestionStatus>();
        }

        var statuses = new HashSet<SuggestionStatus>();
        foreach (var value in values)
        {
            if (EnumCodes.TryParse<SuggestionStatus>(value, out var parsed))
            {
                statuses.Add(parsed);
            }
            else
            {
                errors["status"] = [$"Choose from {EnumCodes.AllOf<SuggestionStatus>()} or all."];
            }
        }

        return statuses;
    }

    /// <summary>
    /// The suggestion as <paramref name="viewer"/> may read it. Moderation stays between a listing's own
    /// organisation and the coordinators: the other side reads `unavailable` for a listing hidden or an
    /// organisation suspended, and no title for a listing that is hidden now.
    /// </summary>
    internal static SuggestionResponse Describe(ListingViewer viewer, Suggestion suggestion)
    {
        var closedReason = suggestion.ClosedReason is not { } reason ? null
            : viewer.IsCoordinator ? EnumCodes.Of(reason)
            : SuggestionStore.PublicReason(reason);
        return new(
            suggestion.Id,
            suggestion.Status,
            suggestion.Score,
            suggestion.Reasons,
            Side(SuggestionSide.Offer),
            Side(SuggestionSide.Request),
            suggestion.DeclinedByOrganisationId,
            suggestion.DeclineReason,
            closedReason,
            suggestion.PartnershipId,
            suggestion.CreatedAt,
            suggestion.UpdatedAt);

        SuggestionSideResponse Side(SuggestionSide side)
        {
            var organisationId = suggestion.OrganisationOn(side);
            var title = side == SuggestionSide.Offer ? suggestion.OfferTitle : suggestion.RequestTitle;
            var mayReadTitle = !suggestion.IsHidden(side) || viewer.IsCoordinator || viewer.IsMemberOf(organisationId);
            return new SuggestionSideResponse(
                suggestion.ListingOn(side),
                mayReadTitle ? title : "",
                organisationId,
                side == SuggestionSide.Offer ? suggestion.OfferOrganisationName : suggestion.RequestOrganisationName,
                suggestion.IsInterested(side));
        }
    }

    private static ProblemHttpResult Forbidden(string title) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);
}
