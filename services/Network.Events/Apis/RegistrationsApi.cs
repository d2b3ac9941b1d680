using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Data;
using Network.Events.Domain;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;

namespace Network.Events.Apis;

/// <summary>
/// Registrations: signing up (confirmed or waitlisted), the organiser's list and its CSV export,
/// cancelling (which promotes from the waitlist), and the caller's own registrations.
/// </summary>
public static class RegistrationsApi
{
    /// <summary>
    /// `sessionIds` chooses modules of a training series (the whole event when left out);
    /// `participantName` is the name for the certificate, by default the account's display name.
    /// </summary>
    public sealed record RegistrationRequest(Guid? OrganisationId, IReadOnlyList<Guid>? SessionIds, string? ParticipantName);

    /// <summary>
    /// The new registration. `certificatePossible` is false when the chosen modules are fewer than
    /// the sessions a certificate needs: registering is allowed, a certificate cannot be earned.
    /// </summary>
    public sealed record RegistrationResponse(
        Guid Id,
        Guid EventId,
        RegistrationStatus Status,
        int? WaitlistPosition,
        IReadOnlyList<Guid>? SessionIds,
        Guid? OrganisationId,
        string? ParticipantName,
        DateTimeOffset CreatedAt,
        bool CertificatePossible);

    /// <summary>A registration as the organiser sees it; `attendedSessionIds` are the sessions it was recorded as attending, so a form can show what was recorded.</summary>
    public sealed record RegistrationListResponse(
        Guid Id,
        Guid? AccountId,
        string? ParticipantName,
        Guid? OrganisationId,
        string? OrganisationName,
        RegistrationStatus Status,
        int? WaitlistPosition,
        IReadOnlyList<Guid>? SessionIds,
        int SessionsAttended,
        IReadOnlyList<Guid> AttendedSessionIds,
        DateTimeOffset CreatedAt);

    /// <summary>Another confirmed participant, as a participant sees them: the organisation only.</summary>
    public sealed record ParticipantResponse(Guid? OrganisationId, string? OrganisationName);

    public sealed record MyRegistrationResponse(
        Guid Id,
        RegistrationStatus Status,
        int? WaitlistPosition,
        IReadOnlyList<Guid>? SessionIds,
        DateTimeOffset CreatedAt,
        Guid EventId,
        string EventTitle,
        EventKind EventKind,
        EventStatus EventStatus,
        DateTimeOffset FirstSessionStartsAt,
        string Link);

    public const int MaximumNameLength = 200;

    public static IEndpointRouteBuilder MapRegistrationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/events").WithTags("Registrations").RequireAuthorization();
        api.MapPost("/events/{id:guid}/registrations", RegisterAsync);
        api.MapGet("/events/{id:guid}/registrations", ListAsync);
        api.MapGet("/events/{id:guid}/registrations.csv", ExportAsync);
        api.MapDelete("/events/{id:guid}/registrations/{registrationId:guid}", CancelAsync);
        api.MapGet("/me/registrations", MineAsync);
        return endpoints;
    }

    internal static async Task<Results<Created<RegistrationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> RegisterAsync(
        Guid id, RegistrationRequest? request, HttpContext context, EventStore events, RegistrationStore registrations, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event) || viewer.AccountId is not { } accountId)
        {
            return TypedResults.NotFound();
        }

        request ??= new RegistrationRequest(null, null, null);
        var errors = new Dictionary<string, string[]>();
        if (request.OrganisationId is { } organisation && !viewer.IsMemberOf(organisation))
        {
            errors["organisationId"] = ["Register for an organisation you are a member of, or leave it out to register for yourself."];
        }

        IReadOnlyList<Guid>? sessionIds = null;
        if (request.SessionIds is { Count: > 0 } chosen)
        {
            if (@event.Kind != EventKind.TrainingSeries)
            {
                errors["sessionIds"] = ["Single sessions can be chosen only in a training series; register for the whole event."];
            }
            else if (chosen.Any(sessionId => @event.Sessions.All(session => session.Id != sessionId)))
            {
                errors["sessionIds"] = ["Choose sessions of this event."];
            }
            else
            {
                var distinct = chosen.Distinct().ToList();
                // Choosing every module is registering for the whole series.
                sessionIds = distinct.Count == @event.Sessions.Count ? null : distinct;
            }
        }

        var name = (request.ParticipantName ?? context.User.FindFirst(NetworkClaims.Name)?.Value)?.Trim();
        if (name is not null && (name.Length > MaximumNameLength || TextRules.HasControlCharacters(name, allowLineBreaks: false)))
        {
            errors["participantName"] = [$"One line of at most {MaximumNameLength} characters."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The registration could not be made.");
        }

        var result = await registrations.RegisterAsync(id, accountId, string.IsNullOrEmpty(name) ? null : name, request.OrganisationId, sessionIds, cancellationToken);
        if (result.EventMissing)
        {
            return TypedResults.NotFound();
        }

        switch (result.Refusal)
        {
            case RegistrationRefusal.EventCancelled:
                return EventsApi.Conflict("The event is cancelled.");
            case RegistrationRefusal.DeadlinePassed:
                return EventsApi.Conflict("Registration has closed.", $"The deadline was {BerlinTime.ToBerlin(@event.RegistrationDeadline):yyyy-MM-dd HH:mm} (Berlin time).");
            case RegistrationRefusal.AlreadyRegistered:
                return EventsApi.Conflict("You are registered for this event already.");
        }

        var registration = result.Registration!;
        return TypedResults.Created(
            $"/api/events/events/{id}/registrations/{registration.Id}",
            new RegistrationResponse(
                registration.Id,
                id,
                registration.Status,
                result.WaitlistPosition,
                registration.SessionIds,
                registration.OrganisationId,
                registration.ParticipantName,
                BerlinTime.ToBerlin(registration.CreatedAt),
                CertificatePolicy.IsPossible(@event, registration.SessionIds)));
    }

    /// <summary>
    /// The organiser gets every registration (JSON, or CSV when asked with `Accept: text/csv`). A
    /// registrant gets the organisations of the confirmed participants; nobody but the organiser sees
    /// who waits.
    /// </summary>
    internal static async Task<IResult> ListAsync(
        Guid id, HttpContext context, EventStore events, RegistrationStore registrations, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        if (EventAccess.CanOrganise(viewer, @event))
        {
            if (WantsCsv(context.Request))
            {
                return Csv(@event, await registrations.ListAsync(id, null, null, cancellationToken));
            }

            // JSON a page at a time; the cursor's id names the last registration seen.
            var errors = new Dictionary<string, string[]>();
            var (effectiveLimit, after) = Paging.Read(limit, cursor, errors);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, title: "The list could not be read.");
            }

            var rows = await registrations.ListAsync(id, effectiveLimit, after?.Id, cancellationToken);
            var page = Paging.ToPage(rows, effectiveLimit, r => (r.CreatedAt.UtcDateTime, r.Id));
            return TypedResults.Ok(new Page<RegistrationListResponse>(page.Items.Select(Describe).ToList(), page.NextCursor));
        }

        var all = await registrations.ListAsync(id, null, null, cancellationToken);

        var own = all.FirstOrDefault(r => r.AccountId == viewer.AccountId && r.Status != RegistrationStatus.Cancelled);
        if (own is null)
        {
            return EventsApi.Forbidden("Only the organiser and registrants see who takes part.");
        }

        return TypedResults.Ok(all
            .Where(r => r.Status == RegistrationStatus.Confirmed && r.OrganisationId is not null)
            .Select(r => new ParticipantResponse(r.OrganisationId, r.OrganisationName))
            .Distinct()
            .ToList());
    }

    /// <summary>`GET .../registrations.csv`: the same export as `Accept: text/csv`, for links and browsers.</summary>
    internal static async Task<IResult> ExportAsync(
        Guid id, HttpContext context, EventStore events, RegistrationStore registrations, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        if (!EventAccess.CanOrganise(viewer, @event))
        {
            return EventsApi.Forbidden("Only the organiser exports the registrations.");
        }

        return Csv(@event, await registrations.ListAsync(id, null, null, cancellationToken));
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> CancelAsync(
        Guid id, Guid registrationId, HttpContext context, EventStore events, RegistrationStore registrations, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        var registration = await registrations.FindAsync(registrationId, cancellationToken);
        if (@event is null || registration is null || registration.EventId != id)
        {
            return TypedResults.NotFound();
        }

        // A registrant may always withdraw, even from an event since hidden or made members-only;
        // someone else's registration is the organiser's business only, and its existence nobody else's.
        var own = registration.AccountId is not null && registration.AccountId == viewer.AccountId;
        if (!own && !EventAccess.CanOrganise(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        // Cancelling one already cancelled is done already: 204 again, without a second event.
        var cancellation = await registrations.CancelAsync(id, registrationId, cancellationToken);
        return cancellation.EventHasBegun
            ? EventsApi.Conflict("The event has begun.", "A registration can be cancelled until the first session starts; after that it records who took part.")
            : TypedResults.NoContent();
    }

    /// <summary>The caller's registrations, newest first, a page at a time (`limit`, `cursor`).</summary>
    internal static async Task<Results<Ok<Page<MyRegistrationResponse>>, ValidationProblem>> MineAsync(
        HttpContext context, RegistrationStore registrations, EventViews views, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (effectiveLimit, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The list could not be read.");
        }

        var accountId = context.User.AccountId()!.Value;
        var mine = await registrations.ForAccountAsync(accountId, effectiveLimit, after, cancellationToken);
        var page = Paging.ToPage(mine, effectiveLimit, m => (m.Registration.CreatedAt.UtcDateTime, m.Registration.Id));
        return TypedResults.Ok(new Page<MyRegistrationResponse>(page.Items.Select(m => new MyRegistrationResponse(
            m.Registration.Id,
            m.Registration.Status,
            m.WaitlistPosition,
            m.Registration.SessionIds,
            BerlinTime.ToBerlin(m.Registration.CreatedAt),
            m.Event.Id,
            m.Event.Title,
            m.Event.Kind,
            m.Event.Status,
            BerlinTime.ToBerlin(m.Event.FirstStartsAt),
            views.LinkTo(m.Event.Id))).ToList(), page.NextCursor));
    }

    private static bool WantsCsv(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));

    private static IResult Csv(Event @event, IReadOnlyList<RegistrationListing> rows) =>
        TypedResults.File(
            Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(RegistrationsCsv.Write(rows))).ToArray(),
            RegistrationsCsv.ContentType,
            $"anmeldungen-{@event.Id}.csv");

    private static RegistrationListResponse Describe(RegistrationListing r) => new(
        r.Id, r.AccountId, r.ParticipantName, r.OrganisationId, r.OrganisationName, r.Status, r.WaitlistPosition, r.SessionIds, r.SessionsAttended, r.AttendedSessionIds, BerlinTime.ToBerlin(r.CreatedAt));
}
