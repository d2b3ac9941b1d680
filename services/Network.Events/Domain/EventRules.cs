using Network.ServiceDefaults.Http;

namespace Network.Events.Domain;

/// <summary>A session as a client sent it: anything may be missing. Times are ISO 8601 text (see <see cref="BerlinTime"/>).</summary>
public sealed record SessionDraft(
    Guid? Id,
    string? Title,
    string? StartsAt,
    string? EndsAt,
    bool? Online,
    string? Url,
    string? Venue,
    string? Address,
    string? Accessibility);

/// <summary>An event as a client sent it (or as a partial update leaves it).</summary>
public sealed record EventDraft(
    string? Title,
    string? Description,
    IReadOnlyList<string>? Topics,
    IReadOnlyList<string>? Regions,
    IReadOnlyList<string>? Languages,
    IReadOnlyList<SessionDraft>? Sessions,
    int? Capacity,
    string? RegistrationDeadline,
    int? CertificateMinSessions,
    EventVisibility? Visibility);

/// <summary>
/// What an event must be. Every broken rule is reported against its field (`sessions[2].endsAt`),
/// all at once. New times must lie in the future; an edit may keep a session that has already
/// taken place as it is.
/// </summary>
public static class EventRules
{
    public const int MinimumTitleLength = 3;
    public const int MaximumTitleLength = 200;
    public const int MaximumDescriptionLength = 10_000;
    public const int MaximumSessions = 50;
    public const int MaximumCapacity = 10_000;
    public const int MaximumPlaceTextLength = 500;
    public const int MaximumAccessibilityLength = 1_000;
    public const int MaximumUrlLength = 2_000;
    public static readonly TimeSpan MaximumSessionLength = TimeSpan.FromHours(24);

    /// <summary>
    /// Checks the draft; when valid, returns the content with sessions in time order and text trimmed.
    /// <paramref name="current"/> is the stored event when the draft is an edit of it.
    /// </summary>
    public static (EventContent? Content, Dictionary<string, string[]> Errors) Validate(EventDraft draft, DateTimeOffset now, Event? current = null)
    {
        var errors = new Dictionary<string, string[]>();

        var title = draft.Title?.Trim();
        if (string.IsNullOrEmpty(title) || title.Length < MinimumTitleLength)
        {
            errors["title"] = [$"Enter a title of at least {MinimumTitleLength} characters."];
        }
        else if (title.Length > MaximumTitleLength)
        {
            errors["title"] = [$"The title may have at most {MaximumTitleLength} characters."];
        }
        else if (TextRules.HasControlCharacters(title, allowLineBreaks: false))
        {
            errors["title"] = ["The title must be one line without control characters."];
        }

        var description = draft.Description?.Trim() ?? string.Empty;
        if (description.Length > MaximumDescriptionLength)
        {
            errors["description"] = [$"The description may have at most {MaximumDescriptionLength} characters."];
        }
        else if (TextRules.HasControlCharacters(description, allowLineBreaks: true))
        {
            errors["description"] = ["The description may contain line breaks and tabs, but no other control characters."];
        }

        var topics = TaxonomyFilter.ReadChosen(draft.Topics, "topics", "topic", Taxonomy.IsTopic, required: true, errors);
        var regions = TaxonomyFilter.ReadChosen(draft.Regions, "regions", "region", Taxonomy.IsRegion, required: true, errors);
        var languages = TaxonomyFilter.ReadChosen(draft.Languages, "languages", "language", Taxonomy.IsLanguage, required: true, errors);

        var sessions = ReadSessions(draft.Sessions, now, current, errors);

        if (draft.Capacity is not { } capacity)
        {
            errors["capacity"] = ["Say how many places there are."];
        }
        else if (capacity is < 1 or > MaximumCapacity)
        {
            errors["capacity"] = [$"The capacity must be between 1 and {MaximumCapacity}."];
        }

        var (deadline, deadlineError) = BerlinTime.Parse(draft.RegistrationDeadline);
        if (deadlineError is not null)
        {
            errors["registrationDeadline"] = [deadlineError];
        }
        else if (BerlinTime.IsPlainDate(draft.RegistrationDeadline))
        {
            // Midnight at the start of the day is rarely what an organiser means by "until the 20th".
            errors["registrationDeadline"] = ["Give the time as well as the date, e.g. 2027-03-20T23:59."];
        }
        else if (sessions is { Count: > 0 } && deadline > sessions.Min(session => session.StartsAt))
        {
            errors["registrationDeadline"] = ["Registration must close before the first session starts."];
        }
        else if (deadline <= now && deadline != current?.RegistrationDeadline)
        {
            errors["registrationDeadline"] = ["The registration deadline must lie in the future."];
        }

        if (draft.CertificateMinSessions is { } minimum && (minimum < 1 || (sessions is not null && minimum > sessions.Count)))
        {
            errors["certificateMinSessions"] = [$"Between 1 and the number of sessions ({sessions?.Count ?? 0}), or leave it out to ask for every session."];
        }

        if (draft.Visibility is null)
        {
            errors["visibility"] = [$"Choose who may see the event: {EnumCodes.AllOf<EventVisibility>()}."];
        }

        if (errors.Count > 0 || sessions is null)
        {
            return (null, errors);
        }

        return (new EventContent(
            title!, description, topics, regions, languages, sessions, draft.Capacity!.Value, deadline!.Value, draft.CertificateMinSessions, draft.Visibility!.Value), errors);
    }

    private static List<SessionPlan>? ReadSessions(IReadOnlyList<SessionDraft>? drafts, DateTimeOffset now, Event? current, Dictionary<string, string[]> errors)
    {
        if (drafts is null || drafts.Count == 0)
        {
            errors["sessions"] = ["An event needs at least one session."];
            return null;
        }

        if (drafts.Count > MaximumSessions)
        {
            errors["sessions"] = [$"An event may have at most {MaximumSessions} sessions."];
            return null;
        }

        var sessions = new List<SessionPlan>();
        var seenIds = new HashSet<Guid>();
        for (var index = 0; index < drafts.Count; index++)
        {
            var field = $"sessions[{index}]";
            var draft = drafts[index];
            if (draft is null)
            {
                errors[field] = ["A session cannot be null."];
                continue;
            }

            var before = errors.Count;
            Session? existing = null;
            if (draft.Id is { } id)
            {
                existing = current?.Sessions.FirstOrDefault(session => session.Id == id);
                if (existing is null || !seenIds.Add(id))
                {
                    errors[$"{field}.id"] = ["Name a session of this event once, or leave the id out for a new session."];
                }
            }

            var title = draft.Title?.Trim();
            if (string.IsNullOrEmpty(title))
            {
                title = $"Termin {index + 1}";
            }
            else if (title.Length > MaximumTitleLength || TextRules.HasControlCharacters(title, allowLineBreaks: false))
            {
                errors[$"{field}.title"] = [$"One line of at most {MaximumTitleLength} characters."];
            }

            var (startsAt, startError) = BerlinTime.Parse(draft.StartsAt);
            var (endsAt, endError) = BerlinTime.Parse(draft.EndsAt);
            if (startError is not null)
            {
                errors[$"{field}.startsAt"] = [startError];
            }

            if (endError is not null)
            {
                errors[$"{field}.endsAt"] = [endError];
            }

            if (startsAt is { } start && endsAt is { } end)
            {
                var unchanged = existing is not null && existing.StartsAt == start && existing.EndsAt == end;
                if (end <= start)
                {
                    errors[$"{field}.endsAt"] = ["A session must end after it starts."];
                }
                else if (end - start > MaximumSessionLength)
                {
                    errors[$"{field}.endsAt"] = ["A session may last at most 24 hours; plan a longer event as several sessions."];
                }
                else if (start <= now && !unchanged)
                {
                    errors[$"{field}.startsAt"] = ["A new or moved session must start in the future."];
                }
            }

            var place = ReadPlace(draft, field, errors);
            if (errors.Count == before)
            {
                sessions.Add(new SessionPlan(draft.Id, title, startsAt!.Value, endsAt!.Value, place!));
            }
        }

        return errors.Count > 0 ? null : sessions.OrderBy(session => session.StartsAt).ToList();
    }

    private static SessionPlace? ReadPlace(SessionDraft draft, string field, Dictionary<string, string[]> errors)
    {
        if (draft.Online is not { } online)
        {
            errors[$"{field}.online"] = ["Say whether the session is online (true) or in person (false)."];
            return null;
        }

        var url = Blank(draft.Url);
        var venue = Blank(draft.Venue);
        var address = Blank(draft.Address);
        var accessibility = Blank(draft.Accessibility);
        if (online)
        {
            if (url is null)
            {
                errors[$"{field}.url"] = ["An online session needs the link people join it with."];
            }
            else if (url.Length > MaximumUrlLength
                || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                errors[$"{field}.url"] = ["The link must be an absolute http or https address."];
            }
        }
        else if (url is not null)
        {
            errors[$"{field}.url"] = ["Only online sessions have a link; set online to true, or leave the link out."];
        }

        CheckText(venue, $"{field}.venue", MaximumPlaceTextLength, allowLineBreaks: false, errors);
        CheckText(address, $"{field}.address", MaximumPlaceTextLength, allowLineBreaks: true, errors);
        CheckText(accessibility, $"{field}.accessibility", MaximumAccessibilityLength, allowLineBreaks: true, errors);
        return new SessionPlace(online, url, venue, address, accessibility);
    }

    private static void CheckText(string? text, string field, int maximum, bool allowLineBreaks, Dictionary<string, string[]> errors)
    {
        if (text is not null && (text.Length > maximum || TextRules.HasControlCharacters(text, allowLineBreaks)))
        {
            errors[field] = [$"At most {maximum} characters, without control characters."];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
