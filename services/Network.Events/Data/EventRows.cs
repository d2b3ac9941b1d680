using Network.Events.Domain;

namespace Network.Events.Data;

/// <summary>A row of `events`, as Dapper reads it.</summary>
internal sealed class EventRow
{
    public const string Columns = """
        id, organiser_organisation_id, kind, status, title, description, topics, regions, languages, capacity,
        registration_deadline, certificate_min_sessions, visibility, cancelled_at, cancellation_reason,
        hidden_at, hidden_reason, version, created_at, updated_at,
        EXISTS (SELECT 1 FROM board_columns c WHERE c.event_id = events.id) AS board_open
        """;

    public Guid Id { get; init; }

    public Guid OrganiserOrganisationId { get; init; }

    public string Kind { get; init; } = "";

    public string Status { get; init; } = "";

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public string[] Topics { get; init; } = [];

    public string[] Regions { get; init; } = [];

    public string[] Languages { get; init; } = [];

    public int Capacity { get; init; }

    public DateTime RegistrationDeadline { get; init; }

    public int? CertificateMinSessions { get; init; }

    public string Visibility { get; init; } = "";

    public DateTime? CancelledAt { get; init; }

    public string? CancellationReason { get; init; }

    public DateTime? HiddenAt { get; init; }

    public string? HiddenReason { get; init; }

    public int Version { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime UpdatedAt { get; init; }

    public bool BoardOpen { get; init; }

    public Event ToEvent(IReadOnlyList<Session> sessions) => new(
        Id,
        OrganiserOrganisationId,
        EnumCodes.Parse<EventKind>(Kind),
        EnumCodes.Parse<EventStatus>(Status),
        Title,
        Description,
        Topics,
        Regions,
        Languages,
        sessions,
        Capacity,
        Times.Utc(RegistrationDeadline),
        CertificateMinSessions,
        EnumCodes.Parse<EventVisibility>(Visibility),
        CancellationReason,
        Times.Utc(CancelledAt),
        Times.Utc(HiddenAt),
        HiddenReason,
        BoardOpen,
        Version,
        Times.Utc(CreatedAt),
        Times.Utc(UpdatedAt));
}

/// <summary>A row of `sessions`.</summary>
internal sealed class SessionRow
{
    public const string Columns = "id, event_id, position, title, starts_at, ends_at, online, url, venue, address, accessibility";

    public Guid Id { get; init; }

    public Guid EventId { get; init; }

    public int Position { get; init; }

    public string Title { get; init; } = "";

    public DateTime StartsAt { get; init; }

    public DateTime EndsAt { get; init; }

    public bool Online { get; init; }

    public string? Url { get; init; }

    public string? Venue { get; init; }

    public string? Address { get; init; }

    public string? Accessibility { get; init; }

    public Session ToSession() => new(Id, Position, Title, Times.Utc(StartsAt), Times.Utc(EndsAt), new SessionPlace(Online, Url, Venue, Address, Accessibility));
}

/// <summary>A row of `registrations`.</summary>
internal sealed class RegistrationRow
{
    public const string Columns = "id, event_id, account_id, participant_name, organisation_id, status, session_ids, sequence, created_at, cancelled_at";

    public Guid Id { get; init; }

    public Guid EventId { get; init; }

    public Guid? AccountId { get; init; }

    public string? ParticipantName { get; init; }

    public Guid? OrganisationId { get; init; }

    public string Status { get; init; } = "";

    public Guid[]? SessionIds { get; init; }

    public long Sequence { get; init; }

    public DateTime CreatedAt { get; init; }

    public DateTime? CancelledAt { get; init; }

    public Registration ToRegistration() => new(
        Id, EventId, AccountId, ParticipantName, OrganisationId, EnumCodes.Parse<RegistrationStatus>(Status), SessionIds, Sequence, Times.Utc(CreatedAt), Times.Utc(CancelledAt));
}

internal static class Times
{
    public static DateTimeOffset Utc(DateTime at) => new(DateTime.SpecifyKind(at, DateTimeKind.Utc));

    public static DateTimeOffset? Utc(DateTime? at) => at is { } value ? Utc(value) : null;

    /// <summary>Midnight UTC of the instant's day: what anonymous feedback and posts keep of when they were written.</summary>
    public static DateTimeOffset DayOf(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);
}
