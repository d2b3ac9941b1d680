namespace Network.Events.Domain;

/// <summary>What an event is (snake_case on the wire).</summary>
public enum EventKind
{
    RoundTable,
    Workshop,
    TrainingSeries,
    InfoSession,
    NetworkMeeting,
}

/// <summary>Who may find the event: everyone, or people signed in as members of an organisation of the network.</summary>
public enum EventVisibility
{
    Public,
    Members,
}

public enum EventStatus
{
    Scheduled,
    Cancelled,
}

/// <summary>
/// Where a session takes place. Online sessions have a link that only confirmed registrants and the
/// organiser see; in-person sessions have a venue and an address, or neither while the place is
/// still to be announced.
/// </summary>
public sealed record SessionPlace(bool Online, string? Url, string? Venue, string? Address, string? Accessibility)
{
    public bool ToBeAnnounced => !Online && Venue is null && Address is null;
}

/// <summary>A session (a module of a series) as an organiser plans it; times are instants (stored in UTC).</summary>
public sealed record SessionPlan(Guid? Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SessionPlace Place);

/// <summary>What an organiser writes about an event, checked by <see cref="EventRules"/>.</summary>
public sealed record EventContent(
    string Title,
    string Description,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    IReadOnlyList<SessionPlan> Sessions,
    int Capacity,
    DateTimeOffset RegistrationDeadline,
    int? CertificateMinSessions,
    EventVisibility Visibility)
{
    public DateTimeOffset FirstStartsAt => Sessions.Min(session => session.StartsAt);

    public DateTimeOffset LastEndsAt => Sessions.Max(session => session.EndsAt);
}

public sealed record Session(Guid Id, int Position, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, SessionPlace Place);

/// <summary>An event as stored, with its sessions in order and the counts that decide places.</summary>
public sealed record Event(
    Guid Id,
    Guid OrganiserOrganisationId,
    EventKind Kind,
    EventStatus Status,
    string Title,
    string Description,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    IReadOnlyList<Session> Sessions,
    int Capacity,
    DateTimeOffset RegistrationDeadline,
    int? CertificateMinSessions,
    EventVisibility Visibility,
    string? CancellationReason,
    DateTimeOffset? CancelledAt,
    DateTimeOffset? HiddenAt,
    string? HiddenReason,
    bool BoardOpen,
    int Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public bool IsHidden => HiddenAt is not null;

    public DateTimeOffset FirstStartsAt => Sessions[0].StartsAt;

    public EventContent Content => new(
        Title,
        Description,
        Topics,
        Regions,
        Languages,
        Sessions.Select(session => new SessionPlan(session.Id, session.Title, session.StartsAt, session.EndsAt, session.Place)).ToList(),
        Capacity,
        RegistrationDeadline,
        CertificateMinSessions,
        Visibility);
}

public enum RegistrationStatus
{
    Confirmed,
    Waitlisted,
    Cancelled,
}

/// <summary>
/// A person's registration. <see cref="SessionIds"/> is null for the whole event, else the chosen
/// modules of a series. The account is null once the person's data was erased.
/// </summary>
public sealed record Registration(
    Guid Id,
    Guid EventId,
    Guid? AccountId,
    string? ParticipantName,
    Guid? OrganisationId,
    RegistrationStatus Status,
    IReadOnlyList<Guid>? SessionIds,
    long Sequence,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CancelledAt)
{
    /// <summary>The sessions this registration takes a place in.</summary>
    public IReadOnlyList<Guid> SessionsOf(Event @event) => SessionIds ?? @event.Sessions.Select(session => session.Id).ToList();
}
