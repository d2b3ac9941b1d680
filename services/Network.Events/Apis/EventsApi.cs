using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Data;
using Network.Events.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Events.Apis;

/// <summary>
/// Events: publishing, the list (anyone sees public events), reading with places left, editing with
/// optimistic concurrency, cancelling. Who may do what is <see cref="EventAccess"/>; an event someone
/// may not see answers 404, as if it did not exist.
/// </summary>
public static class EventsApi
{
    public sealed record SessionRequest(
        Guid? Id,
        string? Title,
        string? StartsAt,
        string? EndsAt,
        bool? Online,
        string? Url,
        string? Venue,
        string? Address,
        string? Accessibility)
    {
        public SessionDraft ToDraft() => new(Id, Title, StartsAt, EndsAt, Online, Url, Venue, Address, Accessibility);
    }

    public sealed record CreateEventRequest(
        Guid? OrganiserOrganisationId,
        EventKind? Kind,
        string? Title,
        string? Description,
        IReadOnlyList<string>? Topics,
        IReadOnlyList<string>? Regions,
        IReadOnlyList<string>? Languages,
        IReadOnlyList<SessionRequest>? Sessions,
        int? Capacity,
        string? RegistrationDeadline,
        int? CertificateMinSessions,
        EventVisibility? Visibility);

    /// <summary>
    /// A partial update: the fields sent change, the others stay. `sessions`, when sent, is the whole
    /// new list: sessions kept carry their `id`, new ones none, and those left out are dropped (only
    /// while nobody holds a place in them). The organiser and the kind are fixed.
    /// </summary>
    public sealed record UpdateEventRequest
    {
        public Optional<string?> Title { get; init; }

        public Optional<string?> Description { get; init; }

        public Optional<IReadOnlyList<string>?> Topics { get; init; }

        public Optional<IReadOnlyList<string>?> Regions { get; init; }

        public Optional<IReadOnlyList<string>?> Languages { get; init; }

        public Optional<IReadOnlyList<SessionRequest>?> Sessions { get; init; }

        public Optional<int?> Capacity { get; init; }

        public Optional<string?> RegistrationDeadline { get; init; }

        public Optional<int?> CertificateMinSessions { get; init; }

        public Optional<EventVisibility?> Visibility { get; init; }
    }

    public sealed record CancellationRequest(string? Reason);

    public const int MaximumReasonLength = 2_000;

    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/events/events").WithTags("Events");
        api.MapPost("/", CreateAsync).RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization();
        api.MapPost("/{id:guid}/cancellation", CancelAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Created<EventResponse>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        CreateEventRequest request, HttpContext context, EventStore events, EventViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var errors = new Dictionary<string, string[]>();
        var organiser = request.OrganiserOrganisationId ?? Guid.Empty;
        if (request.OrganiserOrganisationId is null)
        {
            errors["organiserOrganisationId"] = ["Name the organisation that organises the event."];
        }
        else if (!EventAccess.CanOrganise(viewer, organiser))
        {
            return Forbidden("Only members of the organisation (or coordinators) may publish events for it.");
        }

        if (request.Kind is null)
        {
            errors["kind"] = [$"Choose the kind of event: {EnumCodes.AllOf<EventKind>()}."];
        }

        var now = time.GetUtcNow();
        var (content, contentErrors) = EventRules.Validate(Draft(request), now);
        foreach (var (field, messages) in contentErrors)
        {
            errors[field] = messages;
        }

        if (content is null || errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The event could not be published.");
        }

        var created = await events.CreateAsync(organiser, request.Kind!.Value, content, cancellationToken);
        ETags.Set(context.Response, created.Version);
        var withPlaces = new EventWithPlaces(created, created.Capacity, 0, created.Sessions.ToDictionary(s => s.Id, _ => created.Capacity));
        return TypedResults.Created($"/api/events/events/{created.Id}", views.Describe(viewer, withPlaces, null, null, now));
    }

    internal static async Task<Results<Ok<Page<EventResponse>>, ValidationProblem>> ListAsync(
        HttpContext context,
        EventStore events,
        EventViews views,
        TimeProvider time,
        [AsParameters] EventFilterQuery filters,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var now = time.GetUtcNow();
        var (criteria, errors) = filters.Read(now, limit, cursor);
        if (criteria is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The list could not be read.");
        }

        var rows = await events.SearchAsync(criteria, viewer, criteria.Limit, cancellationToken);
        var page = Paging.ToPage(rows, criteria.Limit, row => (row.Event.FirstStartsAt.UtcDateTime, row.Event.Id));
        return TypedResults.Ok(new Page<EventResponse>(page.Items.Select(row => views.Describe(viewer, row, null, null, now)).ToList(), page.NextCursor));
    }

    internal static async Task<Results<Ok<EventResponse>, NotFound>> GetAsync(
        Guid id, HttpContext context, EventStore events, RegistrationStore registrations, EventViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var found = await events.FindWithPlacesAsync(id, cancellationToken);
        if (found is null || !EventAccess.CanSee(viewer, found.Event))
        {
            return TypedResults.NotFound();
        }

        var own = viewer.AccountId is { } accountId ? await registrations.FindActiveAsync(id, accountId, cancellationToken) : null;
        var position = own is null ? null : await registrations.WaitlistPositionAsync(own, cancellationToken);
        ETags.Set(context.Response, found.Event.Version);
        return TypedResults.Ok(views.Describe(viewer, found, own, position, time.GetUtcNow()));
    }

    internal static async Task<Results<Ok<EventResponse>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateEventRequest request, HttpContext context, EventStore events, EventViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var now = time.GetUtcNow();
        var current = await events.FindAsync(id, cancellationToken);
        if (current is null || !EventAccess.CanSee(viewer, current))
        {
            return TypedResults.NotFound();
        }

        if (!EventAccess.CanOrganise(viewer, current))
        {
            return Forbidden("Only the organiser may change the event.");
        }

        if (current.Status == EventStatus.Cancelled)
        {
            return Conflict("A cancelled event cannot be changed.");
        }

        switch (ETags.CheckIfMatch(context.Request, current.Version))
        {
            case IfMatchOutcome.Missing:
                return ETags.PreconditionRequired();
            case IfMatchOutcome.Stale:
                return ETags.PreconditionFailed(current.Version);
        }

        var stored = current.Content;
        var storedSessions = stored.Sessions.Select(s => new SessionRequest(
            s.Id, s.Title, s.StartsAt.ToString("O"), s.EndsAt.ToString("O"), s.Place.Online, s.Place.Url, s.Place.Venue, s.Place.Address, s.Place.Accessibility)).ToList();
        var draft = new EventDraft(
            request.Title.Or(stored.Title),
            request.Description.Or(stored.Description),
            request.Topics.Or(stored.Topics),
            request.Regions.Or(stored.Regions),
            request.Languages.Or(stored.Languages),
            request.Sessions.Or(storedSessions)?.Select(s => s?.ToDraft()!).ToList(),
            request.Capacity.Or(stored.Capacity),
            request.RegistrationDeadline.Or(stored.RegistrationDeadline.ToString("O")),
            request.CertificateMinSessions.Or(stored.CertificateMinSessions),
            request.Visibility.Or(stored.Visibility));
        var (content, errors) = EventRules.Validate(draft, now, current);
        if (content is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The event could not be changed.");
        }

        var (updated, failure) = await events.UpdateAsync(id, current.Version, content, cancellationToken);
        switch (failure)
        {
            case EventUpdateFailure.Stale:
                return ETags.PreconditionFailed((await events.FindAsync(id, cancellationToken))?.Version ?? current.Version);
            case EventUpdateFailure.Cancelled:
                return Conflict("A cancelled event cannot be changed.");
            case EventUpdateFailure.CapacityBelowConfirmed:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["capacity"] = ["More people are confirmed for a session than this capacity; cancel registrations first."] },
                    title: "The event could not be changed.");
            case EventUpdateFailure.SessionInUse:
                return TypedResults.ValidationProblem(
                    new Dictionary<string, string[]> { ["sessions"] = ["A session people registered for, or whose attendance was recorded, cannot be dropped; move it instead."] },
                    title: "The event could not be changed.");
        }

        var withPlaces = (await events.FindWithPlacesAsync(id, cancellationToken))!;
        ETags.Set(context.Response, updated!.Version);
        return TypedResults.Ok(views.Describe(viewer, withPlaces, null, null, now));
    }

    internal static async Task<Results<Ok<EventResponse>, ValidationProblem, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, CancellationRequest request, HttpContext context, EventStore events, EventViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var current = await events.FindAsync(id, cancellationToken);
        if (current is null || !EventAccess.CanSee(viewer, current))
        {
            return TypedResults.NotFound();
        }

        if (!EventAccess.CanOrganise(viewer, current))
        {
            return Forbidden("Only the organiser may cancel the event.");
        }

        var reason = request.Reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length > MaximumReasonLength || TextRules.HasControlCharacters(reason, allowLineBreaks: true))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["reason"] = [$"Tell the registrants why, in 1 to {MaximumReasonLength} characters."] },
                title: "The event could not be cancelled.");
        }

        var cancelled = await events.CancelAsync(id, reason, cancellationToken);
        if (cancelled is null)
        {
            return Conflict("The event is cancelled already.");
        }

        var withPlaces = (await events.FindWithPlacesAsync(id, cancellationToken))!;
        ETags.Set(context.Response, cancelled.Version);
        return TypedResults.Ok(views.Describe(viewer, withPlaces, null, null, time.GetUtcNow()));
    }

    internal static ProblemHttpResult Forbidden(string title) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);

    internal static ProblemHttpResult Conflict(string title, string? detail = null, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail, extensions: extensions);

    private static EventDraft Draft(CreateEventRequest request) => new(
        request.Title,
        request.Description,
        request.Topics,
        request.Regions,
        request.Languages,
        request.Sessions?.Select(s => s?.ToDraft()!).ToList(),
        request.Capacity,
        request.RegistrationDeadline,
        request.CertificateMinSessions,
        request.Visibility);
}
