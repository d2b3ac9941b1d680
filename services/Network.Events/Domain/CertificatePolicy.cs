namespace Network.Events.Domain;

/// <summary>Whether a registrant has earned a certificate, and if not, how many sessions are missing.</summary>
public sealed record CertificateEligibility(bool Eligible, int SessionsAttended, int SessionsRequired)
{
    public int SessionsMissing => Math.Max(0, SessionsRequired - SessionsAttended);
}

/// <summary>
/// A certificate goes to a confirmed registrant who attended at least the event's
/// certificateMinSessions sessions: the Dessau-Roßlau series gives one after four of its five
/// modules. When the organiser set no number, every session the registration covers counts (all of
/// them, or the chosen modules). Someone who chose fewer modules than the number can still register,
/// but cannot earn a certificate (<see cref="IsPossible"/>). Attendance counts only as the organiser
/// recorded it.
/// </summary>
public static class CertificatePolicy
{
    /// <summary>How many attended sessions earn the registration its certificate.</summary>
    public static int SessionsRequired(Event @event, IReadOnlyList<Guid>? chosenSessionIds) =>
        @event.CertificateMinSessions ?? (chosenSessionIds?.Count ?? @event.Sessions.Count);

    /// <summary>Whether the sessions the registration covers are enough for a certificate at all.</summary>
    public static bool IsPossible(Event @event, IReadOnlyList<Guid>? chosenSessionIds) =>
        (chosenSessionIds?.Count ?? @event.Sessions.Count) >= SessionsRequired(@event, chosenSessionIds);

    public static CertificateEligibility Evaluate(Event @event, Registration registration, int sessionsAttended)
    {
        var required = SessionsRequired(@event, registration.SessionIds);
        var eligible = registration.Status == RegistrationStatus.Confirmed && @event.Status == EventStatus.Scheduled && sessionsAttended >= required;
        return new CertificateEligibility(eligible, sessionsAttended, required);
    }
}
