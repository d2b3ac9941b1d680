using System.Text;

namespace Network.Web.Api;

// The events service's documents as the public pages read them (README, "Events"). Times come with
// the Berlin offset of their day; enumerations stay the API's snake_case strings.

/// <summary>A session with its time and place, as the public pages and the organiser's pages read it.</summary>
public sealed record EventSession(
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

/// <summary>The signed-in person's own registration for an event: `confirmed`, `waitlisted` or `cancelled`.</summary>
public sealed record OwnRegistration(Guid Id, string Status, int? WaitlistPosition, IReadOnlyList<Guid>? SessionIds);

public sealed record EventDetails(
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
    OwnRegistration? MyRegistration,
    string CalendarUrl)
{
    public bool Cancelled => Status == "cancelled";

    public DateTimeOffset FirstStartsAt => Sessions.Min(s => s.StartsAt);

    /// <summary>Registrations can be cancelled, and waitlists move, until the first session begins.</summary>
    public bool HasBegun(DateTimeOffset now) => Sessions.Count > 0 && FirstStartsAt <= now;
}

public sealed record Registered(Guid Id, string Status, int? WaitlistPosition, bool CertificatePossible);

/// <summary>One of "my registrations", with the event it belongs to.</summary>
public sealed record MyRegistration(
    Guid Id,
    string Status,
    int? WaitlistPosition,
    IReadOnlyList<Guid>? SessionIds,
    DateTimeOffset CreatedAt,
    Guid EventId,
    string EventTitle,
    string EventKind,
    string EventStatus,
    DateTimeOffset FirstSessionStartsAt);

/// <summary>What the certificate call gave: the PDF, or how many sessions are still missing.</summary>
public sealed record CertificateDownload(byte[]? Pdf, string? FileName, int? SessionsAttended, int? SessionsRequired, int? SessionsMissing);

/// <summary>
/// The filters of the events list, the calendar and the iCalendar feed, as the pages carry them in
/// their address (German names) and as the events service takes them.
/// </summary>
public sealed record EventFilters(string? Query, string? Kind, string? Region, string? Topic, string? Language, string? From, string? To)
{
    public bool Any => new[] { Query, Kind, Region, Topic, Language, From, To }.Any(v => !string.IsNullOrWhiteSpace(v));

    /// <summary>The query of `GET /api/events/events` and of the feed (the feed ignores limit and cursor).</summary>
    public string ToApiQuery(int limit, string? cursor, string? from = null, string? to = null)
    {
        var query = new StringBuilder("?limit=").Append(limit);
        Add(query, "query", Query);
        Add(query, "kind", Kind);
        Add(query, "region", Region);
        Add(query, "topic", Topic);
        Add(query, "language", Language);
        Add(query, "from", from ?? From);
        Add(query, "to", to ?? To);
        Add(query, "cursor", cursor);
        return query.ToString();
    }

    /// <summary>The feed to subscribe to: the same filters but no dates, so it keeps showing what comes next.</summary>
    public string FeedAddress()
    {
        var query = new StringBuilder();
        Add(query, "query", Query);
        Add(query, "kind", Kind);
        Add(query, "region", Region);
        Add(query, "topic", Topic);
        Add(query, "language", Language);
        return "/api/events/calendar.ics" + (query.Length > 0 ? "?" + query.ToString(1, query.Length - 1) : string.Empty);
    }

    /// <summary>The filters in a page's own address, for links between the list and the calendar.</summary>
    public string ToPageQuery(bool withDates)
    {
        var query = new StringBuilder();
        Add(query, "suche", Query);
        Add(query, "art", Kind);
        Add(query, "ort", Region);
        Add(query, "thema", Topic);
        Add(query, "sprache", Language);
        if (withDates)
        {
            Add(query, "von", From);
            Add(query, "bis", To);
        }

        return query.Length > 0 ? "?" + query.ToString(1, query.Length - 1) : string.Empty;
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }
    }
}
