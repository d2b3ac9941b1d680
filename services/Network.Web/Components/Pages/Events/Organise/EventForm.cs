using System.Globalization;
using Network.Web.Api;

namespace Network.Web.Components.Pages.Events.Organise;

/// <summary>
/// What the event form holds, as typed: read from a post (so a failed one shows everything again) or
/// from a stored event (to change it). Field names are the API's (`sessions[0].endsAt`), so the
/// problems the API names land next to their field. Session rows are compacted when read: the rows
/// that will be sent come first, in order, so the API's `sessions[i]` is row i on the page.
/// </summary>
public sealed class EventForm
{
    public const int NewRows = 3;
    public const int MaximumRows = 50;

    private const string DateFormat = "yyyy-MM-dd";
    private static readonly string[] TimeFormats = ["HH:mm", "HH:mm:ss"];

    public string OrganisationId { get; init; } = string.Empty;

    public string Kind { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Description { get; init; } = string.Empty;

    public string Visibility { get; init; } = string.Empty;

    public IReadOnlyList<string> Topics { get; init; } = [];

    public IReadOnlyList<string> Regions { get; init; } = [];

    public IReadOnlyList<string> Languages { get; init; } = [];

    public string Capacity { get; init; } = string.Empty;

    /// <summary>Berlin wall-clock time as a datetime-local field holds it: 2027-03-20T23:59.</summary>
    public string RegistrationDeadline { get; init; } = string.Empty;

    public string CertificateMinSessions { get; init; } = string.Empty;

    public IReadOnlyList<SessionRow> Sessions { get; init; } = [];

    /// <summary>An empty form with a few empty session rows.</summary>
    public static EventForm Empty(string organisationId) => new()
    {
        OrganisationId = organisationId,
        Visibility = "public",
        Sessions = Enumerable.Range(0, NewRows).Select(_ => new SessionRow()).ToList(),
    };

    /// <summary>The stored event, to be changed; one empty row for a session to add.</summary>
    public static EventForm Of(OrganisedEvent @event) => new()
    {
        OrganisationId = @event.OrganiserOrganisationId.ToString(),
        Kind = @event.Kind,
        Title = @event.Title,
        Description = @event.Description,
        Visibility = @event.Visibility,
        Topics = @event.Topics,
        Regions = @event.Regions,
        Languages = @event.Languages,
        Capacity = @event.Capacity.ToString(CultureInfo.InvariantCulture),
        RegistrationDeadline = @event.RegistrationDeadline.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture),
        CertificateMinSessions = @event.CertificateMinSessions?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        Sessions = @event.Sessions.Select(SessionRow.Of).Append(new SessionRow()).ToList(),
    };

    /// <summary>The form as posted; <paramref name="extraRows"/> empty rows are added (the "more sessions" button).</summary>
    public static EventForm Read(IFormCollection form, int extraRows = 0)
    {
        string Value(string name) => form[name].ToString().Trim();
        IReadOnlyList<string> Values(string name) => form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList();

        var rowCount = int.TryParse(Value("sessionRows"), NumberStyles.None, CultureInfo.InvariantCulture, out var count) ? Math.Clamp(count, 1, MaximumRows) : NewRows;
        var rows = Enumerable.Range(0, rowCount).Select(i => SessionRow.Read(form, i)).ToList();
        var compacted = rows.Where(r => r.IsSent).Concat(rows.Where(r => r.Remove)).Concat(rows.Where(r => r.IsEmpty && !r.Remove)).ToList();
        var extra = Math.Min(extraRows, MaximumRows - compacted.Count);
        return new()
        {
            OrganisationId = Value("organiserOrganisationId"),
            Kind = Value("kind"),
            Title = Value("title"),
            Description = Value("description"),
            Visibility = Value("visibility"),
            Topics = Values("topics"),
            Regions = Values("regions"),
            Languages = Values("languages"),
            Capacity = Value("capacity"),
            RegistrationDeadline = Value("registrationDeadline"),
            CertificateMinSessions = Value("certificateMinSessions"),
            Sessions = compacted.Concat(Enumerable.Range(0, Math.Max(0, extra)).Select(_ => new SessionRow())).ToList(),
        };
    }

    /// <summary>
    /// The page's own checks: what is missing or cannot be read as a number, date or time. The rules
    /// (end after start, deadline before the first session, capacity at least 1) are the API's.
    /// Returns field → text key.
    /// </summary>
    public IEnumerable<(string Field, string Key)> Problems(bool creating)
    {
        if (creating && !Guid.TryParse(OrganisationId, out _))
        {
            yield return ("organiserOrganisationId", "organise.organisationMissing");
        }

        if (creating && Kind.Length == 0)
        {
            yield return ("kind", "organise.kindMissing");
        }

        if (Title.Length == 0)
        {
            yield return ("title", "organise.titleMissing");
        }

        if (Topics.Count == 0)
        {
            yield return ("topics", "create.topicsMissing");
        }

        if (Regions.Count == 0)
        {
            yield return ("regions", "create.placesMissing");
        }

        if (Languages.Count == 0)
        {
            yield return ("languages", "create.languagesMissing");
        }

        if (Visibility.Length == 0)
        {
            yield return ("visibility", "organise.visibilityMissing");
        }

        if (!int.TryParse(Capacity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            yield return ("capacity", "organise.capacityMissing");
        }

        if (CertificateMinSessions.Length > 0 && !int.TryParse(CertificateMinSessions, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _))
        {
            yield return ("certificateMinSessions", "organise.numberInvalid");
        }

        if (!DateTime.TryParseExact(RegistrationDeadline, ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
        {
            yield return ("registrationDeadline", "organise.deadlineMissing");
        }

        var sent = Sessions.Where(s => s.IsSent).ToList();
        if (sent.Count == 0)
        {
            yield return ("sessions", "organise.sessionsMissing");
        }

        for (var index = 0; index < sent.Count; index++)
        {
            var row = sent[index];
            if (!DateOnly.TryParseExact(row.Date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return ($"sessions[{index}].date", "organise.session.dateMissing");
            }

            if (!TimeOnly.TryParseExact(row.Start, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return ($"sessions[{index}].startsAt", "organise.session.timeMissing");
            }

            if (!TimeOnly.TryParseExact(row.End, TimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return ($"sessions[{index}].endsAt", "organise.session.timeMissing");
            }
        }
    }

    /// <summary>The body of `POST /api/events/events`.</summary>
    public object ToPublication() => new
    {
        organiserOrganisationId = Guid.Parse(OrganisationId),
        kind = Kind,
        title = Title,
        description = Description,
        topics = Topics,
        regions = Regions,
        languages = Languages,
        sessions = SessionsToSend(),
        capacity = int.Parse(Capacity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        registrationDeadline = RegistrationDeadline,
        certificateMinSessions = MinimumSessions,
        visibility = Visibility,
    };

    /// <summary>The body of `PATCH /api/events/events/{id}`: every field of the form, sessions as the whole new list.</summary>
    public object ToChange() => new
    {
        title = Title,
        description = Description,
        topics = Topics,
        regions = Regions,
        languages = Languages,
        sessions = SessionsToSend(),
        capacity = int.Parse(Capacity, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
        registrationDeadline = RegistrationDeadline,
        certificateMinSessions = MinimumSessions,
        visibility = Visibility,
    };

    private int? MinimumSessions => CertificateMinSessions.Length == 0 ? null : int.Parse(CertificateMinSessions, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

    private List<object> SessionsToSend() => Sessions.Where(s => s.IsSent).Select(s => s.ToRequest()).ToList();
}

/// <summary>One session row of the form: a date with start and end time in Berlin, and where it takes place.</summary>
public sealed class SessionRow
{
    public const string InPerson = "in_person";
    public const string Online = "online";
    public const string ToBeAnnounced = "to_be_announced";

    public string Id { get; init; } = string.Empty;

    public string Title { get; init; } = string.Empty;

    public string Date { get; init; } = string.Empty;

    public string Start { get; init; } = string.Empty;

    public string End { get; init; } = string.Empty;

    public string Place { get; init; } = InPerson;

    public string Url { get; init; } = string.Empty;

    public string Venue { get; init; } = string.Empty;

    public string Address { get; init; } = string.Empty;

    public string Accessibility { get; init; } = string.Empty;

    /// <summary>A stored session the organiser chose to drop.</summary>
    public bool Remove { get; init; }

    /// <summary>Nothing typed: the row is left out (the place choice alone says nothing).</summary>
    public bool IsEmpty => Id.Length == 0 && new[] { Title, Date, Start, End, Url, Venue, Address, Accessibility }.All(v => v.Length == 0);

    public bool IsSent => !IsEmpty && !Remove;

    public static SessionRow Of(EventSession session) => new()
    {
        Id = session.Id.ToString(),
        Title = session.Title,
        Date = session.StartsAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        Start = session.StartsAt.ToString("HH:mm", CultureInfo.InvariantCulture),
        End = session.EndsAt.ToString("HH:mm", CultureInfo.InvariantCulture),
        Place = session.Online ? Online : session.PlaceToBeAnnounced ? ToBeAnnounced : InPerson,
        Url = session.Url ?? string.Empty,
        Venue = session.Venue ?? string.Empty,
        Address = session.Address ?? string.Empty,
        Accessibility = session.Accessibility ?? string.Empty,
    };

    public static SessionRow Read(IFormCollection form, int index)
    {
        string Value(string field) => form[$"sessions[{index}].{field}"].ToString().Trim();
        return new()
        {
            Id = Guid.TryParse(Value("id"), out var id) ? id.ToString() : string.Empty,
            Title = Value("title"),
            Date = Value("date"),
            Start = Value("startsAt"),
            End = Value("endsAt"),
            Place = Value("place") is InPerson or Online or ToBeAnnounced ? Value("place") : InPerson,
            Url = Value("url"),
            Venue = Value("venue"),
            Address = Value("address"),
            Accessibility = Value("accessibility"),
            Remove = Value("remove") == "true",
        };
    }

    /// <summary>
    /// One session of the API's list. Times go without an offset, which the API reads as Berlin
    /// wall-clock time (and refuses in the hour that does not exist or happens twice). What the chosen
    /// place does not use is not sent, so switching from online to in person drops the link.
    /// </summary>
    public object ToRequest() => new
    {
        id = Guid.TryParse(Id, out var id) ? id : (Guid?)null,
        title = Title.Length == 0 ? null : Title,
        startsAt = $"{Date}T{Start}",
        endsAt = $"{Date}T{End}",
        online = Place == Online,
        url = Place == Online && Url.Length > 0 ? Url : null,
        venue = Place == InPerson && Venue.Length > 0 ? Venue : null,
        address = Place == InPerson && Address.Length > 0 ? Address : null,
        accessibility = Accessibility.Length == 0 ? null : Accessibility,
    };
}
