using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Certificates;
using Network.Events.Data;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>Certificates: the registrant's PDF, and the public check of a certificate number.</summary>
public static partial class CertificatesApi
{
    /// <summary>
    /// What anyone learns by checking a number: that it is genuine, for whom and for what, and
    /// whether it was revoked since (attendance corrected below the threshold, or the event cancelled).
    /// </summary>
    public sealed record CertificateCheckResponse(
        string Number,
        bool Genuine,
        string? ParticipantName,
        Guid EventId,
        string EventTitle,
        string OrganiserName,
        int SessionsAttended,
        DateTimeOffset IssuedAt,
        bool Revoked,
        DateTimeOffset? RevokedAt);

    public static IEndpointRouteBuilder MapCertificatesApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events/registrations/{registrationId:guid}/certificate", DownloadAsync).WithTags("Certificates").RequireAuthorization();
        endpoints.MapGet("/api/events/certificates/{number}", CheckAsync).WithTags("Certificates");
        return endpoints;
    }

    /// <summary>
    /// The certificate as a PDF, issued at the first download. Someone who has not attended enough
    /// sessions gets a 409 that says how many are missing (`sessionsMissing`).
    /// </summary>
    internal static async Task<IResult> DownloadAsync(
        Guid registrationId,
        HttpContext context,
        EventStore events,
        RegistrationStore registrations,
        AttendanceStore attendance,
        EventViews views,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var registration = await registrations.FindAsync(registrationId, cancellationToken);
        if (registration is null || registration.AccountId is null || registration.AccountId != viewer.AccountId)
        {
            return TypedResults.NotFound();
        }

        var @event = (await events.FindAsync(registration.EventId, cancellationToken))!;
        var attended = await attendance.AttendedSessionsAsync(registrationId, cancellationToken);
        var eligibility = CertificatePolicy.Evaluate(@event, registration, attended.Count);
        if (!eligibility.Eligible)
        {
            // The title names the real reason: a waitlisted person or a cancelled event is not short of sessions.
            var notAParticipant = registration.Status != RegistrationStatus.Confirmed || @event.Status != EventStatus.Scheduled;
            var title = notAParticipant
                ? "Certificates are for confirmed participants of events that took place."
                : eligibility.SessionsMissing == 1 ? "One more session is needed for a certificate." : $"{eligibility.SessionsMissing} more sessions are needed for a certificate.";
            var detail = notAParticipant
                ? "Your registration is not confirmed, or the event was cancelled."
                : $"You attended {eligibility.SessionsAttended} of the {eligibility.SessionsRequired} sessions a certificate needs: {eligibility.SessionsMissing} more to go.";
            return EventsApi.Conflict(
                title,
                detail,
                new Dictionary<string, object?>
                {
                    ["sessionsAttended"] = eligibility.SessionsAttended,
                    ["sessionsRequired"] = eligibility.SessionsRequired,
                    ["sessionsMissing"] = eligibility.SessionsMissing,
                });
        }

        if (string.IsNullOrWhiteSpace(registration.ParticipantName))
        {
            return EventsApi.Conflict("The certificate needs your name.", "Register again with participantName, or ask the organiser.");
        }

        if (CertificateFonts.MissingFontFile() is { } missing)
        {
            // Before issuing: a number must not be handed out for a PDF that cannot be made.
            LogFontMissing(loggers.CreateLogger(typeof(CertificatesApi).FullName!), missing, CertificateFonts.RegularSetting);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Certificates cannot be made right now.",
                detail: "The service is missing the font it sets certificates in; the operators have been told.");
        }

        var certificate = await attendance.IssueAsync(@event, registration, attended, cancellationToken);
        var organiser = await attendance.OrganisationNameAsync(@event.OrganiserOrganisationId, cancellationToken) ?? "Network";
        var pdf = CertificateDocument.Render(new CertificateContent(
            certificate.ParticipantName ?? registration.ParticipantName,
            @event.Title,
            @event.Kind,
            organiser,
            // The sessions on record, not today's attendance: the PDF says what the check says.
            @event.Sessions.Where(session => certificate.SessionIds.Contains(session.Id)).ToList(),
            registration.SessionsOf(@event).Count,
            certificate.Number,
            certificate.IssuedAt,
            views.VerificationOf(certificate.Number)));
        return TypedResults.File(pdf, "application/pdf", $"bescheinigung-{certificate.Number}.pdf");
    }

    /// <summary>Anyone may check a number; one that was never issued is a 404.</summary>
    internal static async Task<Results<Ok<CertificateCheckResponse>, NotFound>> CheckAsync(
        string number, EventStore events, AttendanceStore attendance, CancellationToken cancellationToken)
    {
        var certificate = await attendance.FindByNumberAsync(CertificateNumber.Normalise(number), cancellationToken);
        if (certificate is null)
        {
            return TypedResults.NotFound();
        }

        var @event = (await events.FindAsync(certificate.EventId, cancellationToken))!;
        var organiser = await attendance.OrganisationNameAsync(@event.OrganiserOrganisationId, cancellationToken) ?? "Network";
        return TypedResults.Ok(new CertificateCheckResponse(
            certificate.Number,
            true,
            certificate.ParticipantName,
            @event.Id,
            @event.Title,
            organiser,
            certificate.SessionsAttended,
            BerlinTime.ToBerlin(certificate.IssuedAt),
            certificate.IsRevoked,
            certificate.RevokedAt is { } revokedAt ? BerlinTime.ToBerlin(revokedAt) : null));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Certificate font {Path} is missing: install fonts-dejavu-core or point {Setting} at a TrueType file")]
    private static partial void LogFontMissing(ILogger logger, string path, string setting);
}
