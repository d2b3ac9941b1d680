using Network.Events.Data;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>A session as the caller may see it: times in Berlin time, the online link only for those allowed.</summary>
public sealed record SessionResponse(
    Guid Id,
    string Title,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    bool Online,
    string? Url,
    string? Venue,
    string? Address,
    string? Accessibility,
    bool PlaceToBeAnnounced,
    int PlacesLeft);

/// <summary>The caller's own registration for an event, when they have one.</summary>
public sealed record OwnRegistration(Guid Id, RegistrationStatus Status, int? WaitlistPosition, IReadOnlyList<Guid>? SessionIds);

public sealed record EventResponse(
    Guid Id,
    Guid OrganiserOrganisationId,
    EventKind Kind,
    EventStatus Status,
    string Title,
    string Description,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    IReadOnlyList<SessionResponse> Sessions,
    int Capacity,
    int PlacesLeft,
    int WaitlistLength,
    DateTimeOffset RegistrationDeadline,
    bool RegistrationOpen,
    int? CertificateMinSessions,
    EventVisibility Visibility,
    string? CancellationReason,
    DateTimeOffset? CancelledAt,
    bool BoardOpen,
    bool? Hidden,
    string? HiddenReason,
    OwnRegistration? MyRegistration,
    string Link,
    string CalendarUrl,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>How events look to each caller, and the addresses people share.</summary>
public sealed class EventViews(IConfiguration configuration)
{
    private readonly string publicUrl = configuration.PublicBaseUrl();

    /// <summary>The event's page in the web UI: what calendars and mails link to.</summary>
    public string LinkTo(Guid eventId) => $"{publicUrl}/veranstaltungen/{eventId}";

    public string CalendarOf(Guid eventId) => $"{publicUrl}/api/events/events/{eventId}/calendar.ics";

    /// <summary>Where anyone checks a certificate number.</summary>
    public string VerificationOf(string number) => $"{publicUrl}/api/events/certificates/{Uri.EscapeDataString(number)}";

    public EventResponse Describe(EventViewer viewer, EventWithPlaces withPlaces, Registration? own, int? ownPosition, DateTimeOffset now)
    {
        var @event = withPlaces.Event;
        var organiser = EventAccess.CanOrganise(viewer, @event);
        var showLinks = EventAccess.CanSeeOnlineLinks(viewer, @event, own?.Status);
        return new EventResponse(
            @event.Id,
            @event.OrganiserOrganisationId,
            @event.Kind,
            @event.Status,
            @event.Title,
            @event.Description,
            @event.Topics,
            @event.Regions,
            @event.Languages,
            @event.Sessions.Select(session => new SessionResponse(
                session.Id,
                session.Title,
                BerlinTime.ToBerlin(session.StartsAt),
                BerlinTime.ToBerlin(session.EndsAt),
                session.Place.Online,
                showLinks ? session.Place.Url : null,
                session.Place.Venue,
                session.Place.Address,
                session.Place.Accessibility,
                session.Place.ToBeAnnounced,
                withPlaces.PlacesLeftBySession.GetValueOrDefault(session.Id, @event.Capacity))).ToList(),
            @event.Capacity,
            withPlaces.PlacesLeft,
            withPlaces.WaitlistLength,
            BerlinTime.ToBerlin(@event.RegistrationDeadline),
            @event.Status == EventStatus.Scheduled && now <= @event.RegistrationDeadline,
            @event.CertificateMinSessions,
            @event.Visibility,
            @event.CancellationReason,
            @event.CancelledAt is { } cancelledAt ? BerlinTime.ToBerlin(cancelledAt) : null,
            @event.BoardOpen,
            organiser ? @event.IsHidden : null,
            organiser ? @event.HiddenReason : null,
            own is null ? null : new OwnRegistration(own.Id, own.Status, ownPosition, own.SessionIds),
            LinkTo(@event.Id),
            CalendarOf(@event.Id),
            @event.Version,
            BerlinTime.ToBerlin(@event.CreatedAt),
            BerlinTime.ToBerlin(@event.UpdatedAt));
    }
}
