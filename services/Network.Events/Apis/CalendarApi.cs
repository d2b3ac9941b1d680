using Network.Events.Data;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>iCalendar (RFC 5545) for one event and as a feed: one VEVENT per session, each with the event's link.</summary>
public static class CalendarApi
{
    /// <summary>The feed holds at most this many events (the nearest first), so a subscription stays small.</summary>
    public const int MaximumFeedEvents = 500;

    public static IEndpointRouteBuilder MapCalendarApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/events/events/{id:guid}/calendar.ics", EventCalendarAsync).WithTags("Calendar");
        endpoints.MapGet("/api/events/calendar.ics", FeedAsync).WithTags("Calendar");
        return endpoints;
    }

    internal static async Task<IResult> EventCalendarAsync(
        Guid id, HttpContext context, EventStore events, RegistrationStore registrations, EventViews views, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        var own = viewer.AccountId is { } accountId ? await registrations.FindActiveAsync(id, accountId, cancellationToken) : null;
        var showLinks = EventAccess.CanSeeOnlineLinks(viewer, @event, own?.Status);
        return Calendar(@event.Title, Entries(@event, showLinks, views), time.GetUtcNow(), $"veranstaltung-{id}.ics");
    }

    /// <summary>The events the list would show (same filters; no online links, since a feed is read without a token).</summary>
    internal static async Task<IResult> FeedAsync(
        HttpContext context,
        EventStore events,
        EventViews views,
        TimeProvider time,
        [AsParameters] EventFilterQuery filters,
        CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var now = time.GetUtcNow();
        var (criteria, errors) = filters.Read(now);
        if (criteria is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The calendar could not be made.");
        }

        var found = await events.SearchWithoutPlacesAsync(criteria, viewer, MaximumFeedEvents, cancellationToken);
        var entries = found.Take(MaximumFeedEvents).SelectMany(@event => Entries(@event, showLinks: false, views));
        return Calendar("Network: Veranstaltungen", entries, now, "veranstaltungen.ics");
    }

    private static IEnumerable<CalendarEntry> Entries(Event @event, bool showLinks, EventViews views)
    {
        var link = views.LinkTo(@event.Id);
        return @event.Sessions.Select(session =>
        {
            var description = $"{@event.Description}\n\n{link}".Trim();
            if (session.Place.Accessibility is { } accessibility)
            {
                description += $"\n\nBarrierefreiheit: {accessibility}";
            }

            return new CalendarEntry(
                $"{session.Id}@events.network",
                session.StartsAt,
                session.EndsAt,
                @event.Sessions.Count == 1 ? @event.Title : $"{@event.Title}: {session.Title}",
                description,
                Location(session.Place, showLinks),
                link,
                @event.Status == EventStatus.Cancelled,
                @event.Version,
                @event.UpdatedAt);
        });
    }

    private static string? Location(SessionPlace place, bool showLinks)
    {
        if (place.Online)
        {
            return showLinks && place.Url is not null ? $"Online: {place.Url}" : "Online";
        }

        if (place.ToBeAnnounced)
        {
            return "Ort wird noch bekannt gegeben";
        }

        return string.Join(", ", new[] { place.Venue, place.Address?.ReplaceLineEndings(", ") }.Where(part => part is not null));
    }

    private static IResult Calendar(string name, IEnumerable<CalendarEntry> entries, DateTimeOffset now, string fileName) =>
        TypedResults.File(System.Text.Encoding.UTF8.GetBytes(ICalendar.Write(name, entries, now)), ICalendar.ContentType, fileName);
}
