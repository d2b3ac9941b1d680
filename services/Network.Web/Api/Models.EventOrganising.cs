namespace Network.Web.Api;

// The events API as an organiser reads it (shared/API.md, events). Times arrive in Berlin time with
// their offset; kinds, statuses and visibility stay the API's snake_case codes. Sessions are the
// public pages' EventSession (Models.Events.cs): the service sends the organiser the same fields.

public sealed record OrganisedEvent(
    Guid Id,
    Guid OrganiserOrganisationId,
    string Kind,
    string Status,
    string Title,
    string Description,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Languages,
    IReadOnlyList<EventSession> Sessions,
    int Capacity,
    int PlacesLeft,
    int WaitlistLength,
    DateTimeOffset RegistrationDeadline,
    bool RegistrationOpen,
    int? CertificateMinSessions,
    string Visibility,
    string? CancellationReason,
    DateTimeOffset? CancelledAt,
    bool? Hidden,
    string? HiddenReason,
    int Version)
{
    public bool IsCancelled => Status == "cancelled";

    public int Confirmed => Capacity - PlacesLeft;

    public DateTimeOffset? FirstStartsAt => Sessions.Count == 0 ? null : Sessions.Min(s => s.StartsAt);
}

/// <summary>One registration as the organiser sees it, with the sessions it was recorded attending.</summary>
public sealed record OrganiserRegistration(
    Guid Id,
    string? ParticipantName,
    Guid? OrganisationId,
    string? OrganisationName,
    string Status,
    int? WaitlistPosition,
    IReadOnlyList<Guid>? SessionIds,
    int SessionsAttended,
    IReadOnlyList<Guid>? AttendedSessionIds,
    DateTimeOffset CreatedAt)
{
    public bool IsConfirmed => Status == "confirmed";

    /// <summary>Whether the registration covers the session: all of them unless modules were chosen.</summary>
    public bool Covers(Guid sessionId) => SessionIds is null || SessionIds.Contains(sessionId);

    public bool Attended(Guid sessionId) => AttendedSessionIds?.Contains(sessionId) == true;
}

/// <summary>One tick of the attendance form: did this registrant attend this session.</summary>
public sealed record OrganiserAttendance(Guid RegistrationId, Guid SessionId, bool Attended);
