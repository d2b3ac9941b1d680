namespace Network.Events.Domain;

/// <summary>Whether a registrant has earned a certificate, and if not, how many sessions are missing.</summary>
public sealed record CertificateEligibility(bool Eligible, int SessionsAttended, int SessionsRequired)
{
    public int SessionsMissing => Math.Max(0, SessionsRequired - SessionsAttended);
}

/// <summary>
/// A certificate goes to a confirmed registrant who attended at least the event's
/// certificateMinSessions sessions (every session when the organiser set no number): the
/// Dessau-Roßlau series gives one after four of its five modules. Attendance counts only as the
/// organiser recorded it.
/// </summary>
public static class CertificatePolicy
{
    public static CertificateEligibility Evaluate(Event @event, RegistrationStatus status, int sessionsAttended)
    {
        var required = @event.SessionsForCertificate;
        var eligible = status == RegistrationStatus.Confirmed && @event.Status == EventStatus.Scheduled && sessionsAttended >= required;
        return new CertificateEligibility(eligible, sessionsAttended, required);
    }
}
