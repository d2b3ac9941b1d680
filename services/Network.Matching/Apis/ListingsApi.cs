using Microsoft.AspNetCore.Http.HttpResults;
using Network.Contracts.Matching;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Matching.Apis;

/// <summary>
/// Offers and partner requests: publishing, editing with optimistic concurrency, withdrawing, and
/// the search. Who may see and do what is <see cref="ListingAccess"/>; a listing someone may not
/// see answers 404, as if it did not exist.
/// </summary>
public static class ListingsApi
{
    public sealed record CreateListingRequest(
        Guid? OrganisationId,
        ListingKind? Kind,
        string? Title,
        string? Description,
        IReadOnlyList<string>? Topics,
        IReadOnlyList<string>? Languages,
        IReadOnlyList<string>? Regions,
        IReadOnlyList<string>? TargetGroups,
        ListingFormat? Format,
        DateTimeOffset? ValidUntil);

    /// <summary>
    /// A partial update: the fields sent change (null clears `validUntil`), the others stay. The
    /// organisation and the kind are fixed; a listing of the other kind is a new listing.
    /// </summary>
    public sealed record UpdateListingRequest
    {
        public Optional<string?> Title { get; init; }

        public Optional<string?> Description { get; init; }

        public Optional<IReadOnlyList<string>?> Topics { get; init; }

        public Optional<IReadOnlyList<string>?> Languages { get; init; }

        public Optional<IReadOnlyList<string>?> Regions { get; init; }

        public Optional<IReadOnlyList<string>?> TargetGroups { get; init; }

        public Optional<ListingFormat?> Format { get; init; }

        public Optional<DateTimeOffset?> ValidUntil { get; init; }
    }

    /// <summary>
    /// A listing as the caller may see it. `held` (its organisation is not verified) and the
    /// moderation state only reach the organisation's members and coordinators.
    /// </summary>
    public sealed record ListingResponse(
        Guid Id,
        Guid OrganisationId,
        ListingKind Kind,
        ListingStatus Status,
        string Title,
        string Description,
        IReadOnlyList<string> Topics,
        IReadOnlyList<string> Languages,
        IReadOnlyList<string> Regions,
        IReadOnlyList<string> TargetGroups,
        ListingFormat Format,
        DateTimeOffset? ValidUntil,
        bool Expired,
        bool? Held,
        bool? Hidden,
        string? HiddenReason,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? WithdrawnAt,
        int Version);

    /// <summary>A counterpart of a listing in the live ranking, with its organisation and why it fits.</summary>
    public sealed record MatchResponse(ListingResponse Listing, OrganisationSummary Organisation, double Score, IReadOnlyList<MatchReason> Reasons);

    public sealed record OrganisationSummary(Guid Id, string Name);

    public static IEndpointRouteBuilder MapListingsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/matching/listings").WithTags("Listings").RequireAuthorization();
        api.MapPost("/", PublishAsync);
        api.MapGet("/", SearchAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPatch("/{id:guid}", UpdateAsync);
        api.MapDelete("/{id:guid}", WithdrawAsync);
        api.MapGet("/{id:guid}/matches", MatchesAsync);
        return endpoints;
    }

    internal static async Task<Results<Created<ListingResponse>, ValidationProblem, ProblemHttpResult>> PublishAsync(
        CreateListingRequest request, HttpContext context, ListingStore listings, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var errors = new Dictionary<string, string[]>();
        if (request.OrganisationId is not { } organisationId)
        {
            errors["organisationId"] = ["Name the organisation that publishes the listing."];
        }
        else if (!viewer.IsMemberOf(organisationId))
        {
            return Forbidden("Only members of the organisation may publish listings for it.");
        }

        if (request.Kind is null)
        {
            errors["kind"] = [$"Choose the kind of listing: {EnumCodes.AllOf<ListingKind>()}."];
        }

        var now = time.GetUtcNow();
        var (content, contentErrors) = ListingRules.Validate(
            new ListingDraft(request.Title, request.Description, request.Topics, request.Languages, request.Regions, request.TargetGroups, request.Format, request.ValidUntil),
            now);
        foreach (var (field, messages) in contentErrors)
        {
            errors[field] = messages;
        }

        if (content is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The listing could not be published.");
        }

        var listing = await listings.PublishAsync(request.OrganisationId!.Value, request.Kind!.Value, content, cancellationToken);
        ETags.Set(context.Response, listing.Version);
        return TypedResults.Created($"/api/matching/listings/{listing.Id}", Describe(viewer, listing, now));
    }

    internal static async Task<Results<Ok<Page<ListingResponse>>, ValidationProblem>> SearchAsync(
        HttpContext context,
        ListingStore listings,
        TimeProvider time,
        string? query,
        string? kind,
        string[]? topic,
        string[]? region,
        string[]? language,
        string[]? targetGroup,
        Guid? organisationId,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var (criteria, errors) = ListingSearch.Read(query, kind, topic, region, language, targetGroup, organisationId, limit, cursor);
        if (criteria is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The search could not be run.");
        }

        var now = time.GetUtcNow();
        var rows = await listings.SearchAsync(criteria, viewer, cancellationToken);
        var items = rows.Take(criteria.Limit).ToList();
        string? next = null;
        if (rows.Count > criteria.Limit)
        {
            next = criteria.ByRelevance
                ? ListingSearch.EncodeOffset(criteria.Offset + criteria.Limit)
                : Paging.EncodeCursor(items[^1].CreatedAt.UtcDateTime, items[^1].Id);
        }

        return TypedResults.Ok(new Page<ListingResponse>(items.Select(listing => Describe(viewer, listing, now)).ToList(), next));
    }

    internal static async Task<Results<Ok<ListingResponse>, NotFound>> GetAsync(
        Guid id, HttpContext context, ListingStore listings, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var now = time.GetUtcNow();
        var listing = await listings.FindAsync(id, cancellationToken);
        if (listing is null || !ListingAccess.CanSee(viewer, listing, now))
        {
            return TypedResults.NotFound();
        }

        ETags.Set(context.Response, listing.Version);
        return TypedResults.Ok(Describe(viewer, listing, now));
    }

    internal static async Task<Results<Ok<ListingResponse>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateListingRequest request, HttpContext context, ListingStore listings, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var now = time.GetUtcNow();
        var listing = await listings.FindAsync(id, cancellationToken);
        if (listing is null || !ListingAccess.CanSee(viewer, listing, now))
        {
            return TypedResults.NotFound();
        }

        if (!ListingAccess.CanEdit(viewer, listing))
        {
            return Forbidden("Only members of the listing's organisation may edit it.");
        }

        if (listing.Status == ListingStatus.Withdrawn)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "A withdrawn listing cannot be changed; publish a new one.");
        }

        switch (ETags.CheckIfMatch(context.Request, listing.Version))
        {
            case IfMatchOutcome.Missing:
                return ETags.PreconditionRequired();
            case IfMatchOutcome.Stale:
                return ETags.PreconditionFailed(listing.Version);
        }

        var current = listing.Content;
        var (content, errors) = ListingRules.Validate(
            new ListingDraft(
                request.Title.Or(current.Title),
                request.Description.Or(current.Description),
                request.Topics.Or(current.Topics),
                request.Languages.Or(current.Languages),
                request.Regions.Or(current.Regions),
                request.TargetGroups.Or(current.TargetGroups),
                request.Format.Or(current.Format),
                request.ValidUntil.Or(current.ValidUntil)),
            now,
            checkValidUntil: request.ValidUntil.IsSet);
        if (content is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The listing could not be changed.");
        }

        var updated = await listings.UpdateAsync(id, listing.Version, content, cancellationToken);
        if (updated is null)
        {
            // Changed between our read and our write: the client's version is stale now.
            return ETags.PreconditionFailed((await listings.FindAsync(id, cancellationToken))?.Version ?? listing.Version);
        }

        ETags.Set(context.Response, updated.Version);
        return TypedResults.Ok(Describe(viewer, updated, now));
    }

    /// <summary>Withdraws the listing. Withdrawing one already withdrawn succeeds again, without a second event.</summary>
    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> WithdrawAsync(
        Guid id, HttpContext context, ListingStore listings, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var listing = await listings.FindAsync(id, cancellationToken);
        if (listing is null || !ListingAccess.CanSee(viewer, listing, time.GetUtcNow()))
        {
            return TypedResults.NotFound();
        }

        if (!ListingAccess.CanEdit(viewer, listing))
        {
            return Forbidden("Only members of the listing's organisation may withdraw it.");
        }

        // If-Match is optional here: withdrawing does not overwrite anyone's edit, but a client that
        // sends one is told when the listing changed since it read it.
        if (context.Request.Headers.IfMatch.Count > 0 && ETags.CheckIfMatch(context.Request, listing.Version) == IfMatchOutcome.Stale)
        {
            return ETags.PreconditionFailed(listing.Version);
        }

        await listings.WithdrawAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The listing's best counterparts right now, ranked live (also for a listing still held, so its
    /// members see what it will be matched with once their organisation is verified). At most `limit`
    /// (default 20, at most 100); the ranking has no further pages.
    /// </summary>
    internal static async Task<Results<Ok<Page<MatchResponse>>, ValidationProblem, NotFound, ProblemHttpResult>> MatchesAsync(
        Guid id, int? limit, HttpContext context, ListingStore listings, SuggestionStore suggestions, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var now = time.GetUtcNow();
        var errors = new Dictionary<string, string[]>();
        var (effectiveLimit, _) = Paging.Read(limit, null, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The matches could not be listed.");
        }

        var listing = await listings.FindAsync(id, cancellationToken);
        if (listing is null || !ListingAccess.CanSee(viewer, listing, now))
        {
            return TypedResults.NotFound();
        }

        if (!viewer.IsCoordinator && !viewer.IsMemberOf(listing.OrganisationId))
        {
            return Forbidden("Only members of the listing's organisation see what fits it.");
        }

        var ranked = await suggestions.RankAsync(SuggestionStore.ProfileOf(listing, null), effectiveLimit, cancellationToken);
        var counterparts = (await listings.FindManyAsync(ranked.Select(fit => fit.Candidate.ListingId).ToList(), cancellationToken)).ToDictionary(l => l.Id);
        var names = await listings.OrganisationNamesAsync(counterparts.Values.Select(l => l.OrganisationId).Distinct().ToList(), cancellationToken);
        var items = ranked
            .Where(fit => counterparts.ContainsKey(fit.Candidate.ListingId))
            .Select(fit =>
            {
                var counterpart = counterparts[fit.Candidate.ListingId];
                return new MatchResponse(
                    Describe(viewer, counterpart, now),
                    new OrganisationSummary(counterpart.OrganisationId, names.GetValueOrDefault(counterpart.OrganisationId, "")),
                    fit.Score,
                    fit.Reasons);
            })
            .ToList();
        return TypedResults.Ok(new Page<MatchResponse>(items, null));
    }

    /// <summary>The listing as <paramref name="viewer"/> may see it.</summary>
    internal static ListingResponse Describe(ListingViewer viewer, Listing listing, DateTimeOffset now)
    {
        var insider = viewer.IsCoordinator || viewer.IsMemberOf(listing.OrganisationId);
        var content = listing.Content;
        return new ListingResponse(
            listing.Id,
            listing.OrganisationId,
            listing.Kind,
            listing.Status,
            content.Title,
            content.Description,
            content.Topics,
            content.Languages,
            content.Regions,
            content.TargetGroups,
            content.Format,
            content.ValidUntil,
            listing.IsExpired(now),
            insider ? listing.IsHeld : null,
            insider ? listing.IsHidden : null,
            insider ? listing.HiddenReason : null,
            listing.CreatedAt,
            listing.UpdatedAt,
            listing.WithdrawnAt,
            listing.Version);
    }

    private static ProblemHttpResult Forbidden(string title) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);
}
