using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Data;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>The organiser records who attended which session.</summary>
public static class AttendanceApi
{
    public sealed record AttendanceEntry(Guid? RegistrationId, Guid? SessionId, bool? Attended);

    public const int MaximumEntries = 5_000;

    public static IEndpointRouteBuilder MapAttendanceApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPut("/api/events/events/{id:guid}/attendance", RecordAsync).WithTags("Attendance").RequireAuthorization();
        return endpoints;
    }

    /// <summary>
    /// `[{ registrationId, sessionId, attended }]`: each for a confirmed registration of this event and
    /// a session it covers that has begun. All entries are checked first; any fault is a 400 naming
    /// the entry (`[3].sessionId`) and nothing is stored.
    /// </summary>
    internal static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> RecordAsync(
        Guid id, IReadOnlyList<AttendanceEntry>? entries, HttpContext context, EventStore events, RegistrationStore registrations, AttendanceStore attendance, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        if (!EventAccess.CanOrganise(viewer, @event))
        {
            return EventsApi.Forbidden("Only the organiser records attendance.");
        }

        var errors = new Dictionary<string, string[]>();
        if (entries is null || entries.Count == 0 || entries.Count > MaximumEntries)
        {
            errors["body"] = [$"Send a list of 1 to {MaximumEntries} entries {{ registrationId, sessionId, attended }}."];
            return TypedResults.ValidationProblem(errors, title: "The attendance could not be recorded.");
        }

        var now = time.GetUtcNow();
        var byId = (await registrations.ListAsync(id, null, null, cancellationToken)).ToDictionary(r => r.Id);
        var marks = new List<AttendanceMark>();
        for (var index = 0; index < entries.Count; index++)
        {
            var entry = entries[index];
            var field = $"[{index}]";
            if (entry?.RegistrationId is not { } registrationId || !byId.TryGetValue(registrationId, out var registration))
            {
                errors[$"{field}.registrationId"] = ["Name a registration of this event."];
                continue;
            }

            if (registration.Status != RegistrationStatus.Confirmed)
            {
                errors[$"{field}.registrationId"] = ["Only confirmed registrations attend; this one is " + EnumCodes.Of(registration.Status) + "."];
                continue;
            }

            var session = @event.Sessions.FirstOrDefault(s => s.Id == entry.SessionId);
            if (session is null || (registration.SessionIds is not null && !registration.SessionIds.Contains(session.Id)))
            {
                errors[$"{field}.sessionId"] = ["Name a session of this event that the registration covers."];
                continue;
            }

            if (session.StartsAt > now)
            {
                errors[$"{field}.sessionId"] = ["Attendance is recorded once the session has begun."];
                continue;
            }

            if (entry.Attended is not { } attended)
            {
                errors[$"{field}.attended"] = ["Say whether the person attended (true or false)."];
                continue;
            }

            marks.Add(new AttendanceMark(registration.Id, session.Id, attended));
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The attendance could not be recorded.");
        }

        await attendance.RecordAsync(id, marks, cancellationToken);
        return TypedResults.NoContent();
    }
}
