namespace Network.Events.Domain;

/// <summary>What a new registration becomes: confirmed, or waitlisted at a position.</summary>
public sealed record RegistrationOutcome(RegistrationStatus Status, int? WaitlistPosition);

/// <summary>Why a registration is refused before any place is looked at.</summary>
public enum RegistrationRefusal
{
    EventCancelled,
    DeadlinePassed,
    AlreadyRegistered,
}

/// <summary>
/// Places and the waitlist. Capacity counts people per session: a confirmed registration takes a
/// place in every session it covers (the whole event, or the chosen modules of a series), and a new
/// registration is confirmed only if each of its sessions has a place left; otherwise it joins the
/// waitlist. When places free up, the waitlist is walked in order and everyone who now fits is
/// promoted; someone further back who chose other modules may move up before someone earlier whose
/// modules are still full. The caller holds the event's row lock, so the counts it passes are the
/// truth for as long as the decision takes.
/// </summary>
public static class RegistrationPolicy
{
    public static RegistrationRefusal? Refusal(Event @event, DateTimeOffset now, bool alreadyRegistered)
    {
        if (@event.Status == EventStatus.Cancelled)
        {
            return RegistrationRefusal.EventCancelled;
        }

        if (now > @event.RegistrationDeadline)
        {
            return RegistrationRefusal.DeadlinePassed;
        }

        return alreadyRegistered ? RegistrationRefusal.AlreadyRegistered : null;
    }

    /// <summary>
    /// A registration may be withdrawn until the first session begins. After that it is the record
    /// of who took part (attendance, the certificate), and a freed place could only go to someone
    /// on the waitlist who has already missed the start.
    /// </summary>
    public static bool MayCancel(Event @event, DateTimeOffset now) => now < @event.FirstStartsAt;

    /// <summary>Places freed go to the waitlist only while the event is scheduled and has not begun.</summary>
    public static bool MayPromote(Event @event, DateTimeOffset now) => @event.Status == EventStatus.Scheduled && now < @event.FirstStartsAt;

    /// <summary>Places taken per session by the confirmed registrations.</summary>
    public static Dictionary<Guid, int> TakenPlaces(Event @event, IEnumerable<Registration> registrations)
    {
        var taken = @event.Sessions.ToDictionary(session => session.Id, _ => 0);
        foreach (var registration in registrations.Where(r => r.Status == RegistrationStatus.Confirmed))
        {
            foreach (var sessionId in registration.SessionsOf(@event))
            {
                if (taken.ContainsKey(sessionId))
                {
                    taken[sessionId]++;
                }
            }
        }

        return taken;
    }

    /// <summary>Places left for someone who registers for the whole event: the fullest session decides.</summary>
    public static int PlacesLeft(Event @event, IReadOnlyDictionary<Guid, int> taken) =>
        Math.Max(0, @event.Capacity - (taken.Count == 0 ? 0 : taken.Values.Max()));

    public static bool Fits(Event @event, IEnumerable<Guid> sessionIds, IReadOnlyDictionary<Guid, int> taken) =>
        sessionIds.All(sessionId => taken.GetValueOrDefault(sessionId) < @event.Capacity);

    /// <summary>Decides a new registration for <paramref name="sessionIds"/> against the current registrations of the event.</summary>
    public static RegistrationOutcome Decide(Event @event, IReadOnlyList<Guid> sessionIds, IReadOnlyCollection<Registration> registrations) =>
        Decide(@event, sessionIds, TakenPlaces(@event, registrations), registrations.Count(r => r.Status == RegistrationStatus.Waitlisted));

    /// <summary>Decides a new registration against places taken per session and the waitlist's length, as counted by the database.</summary>
    public static RegistrationOutcome Decide(Event @event, IReadOnlyList<Guid> sessionIds, IReadOnlyDictionary<Guid, int> taken, int waiting) =>
        Fits(@event, sessionIds, taken)
            ? new RegistrationOutcome(RegistrationStatus.Confirmed, null)
            : new RegistrationOutcome(RegistrationStatus.Waitlisted, waiting + 1);

    /// <summary>The waitlisted registrations that fit now, in waitlist order, each taking its places before the next is looked at.</summary>
    public static IReadOnlyList<Registration> Promotions(Event @event, IReadOnlyCollection<Registration> registrations) =>
        Promotions(@event, TakenPlaces(@event, registrations), Waitlist(registrations));

    /// <summary>The same, from places taken per session and the waitlist in order.</summary>
    public static IReadOnlyList<Registration> Promotions(Event @event, IReadOnlyDictionary<Guid, int> takenBefore, IReadOnlyList<Registration> waitlist)
    {
        var taken = @event.Sessions.ToDictionary(session => session.Id, session => takenBefore.GetValueOrDefault(session.Id));
        var promoted = new List<Registration>();
        foreach (var waiting in waitlist)
        {
            var sessions = waiting.SessionsOf(@event);
            if (!Fits(@event, sessions, taken))
            {
                continue;
            }

            promoted.Add(waiting);
            foreach (var sessionId in sessions)
            {
                taken[sessionId] = taken.GetValueOrDefault(sessionId) + 1;
            }
        }

        return promoted;
    }

    /// <summary>The waitlist in order: who registered first is first.</summary>
    public static IReadOnlyList<Registration> Waitlist(IEnumerable<Registration> registrations) =>
        registrations.Where(r => r.Status == RegistrationStatus.Waitlisted).OrderBy(r => r.Sequence).ToList();

    /// <summary>The 1-based position of <paramref name="registration"/> on the waitlist, or null when it is not waiting.</summary>
    public static int? PositionOf(Registration registration, IEnumerable<Registration> registrations)
    {
        if (registration.Status != RegistrationStatus.Waitlisted)
        {
            return null;
        }

        var index = Waitlist(registrations).Select(r => r.Id).ToList().IndexOf(registration.Id);
        return index < 0 ? null : index + 1;
    }
}
