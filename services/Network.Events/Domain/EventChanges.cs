namespace Network.Events.Domain;

/// <summary>What an edit changed that registrants must hear about.</summary>
public static class EventChanges
{
    /// <summary>
    /// Whether any session was added, removed, moved in time or to another place. A new title or
    /// description changes nothing about where people have to be and when.
    /// </summary>
    public static bool TimeOrPlaceChanged(IReadOnlyList<Session> before, IReadOnlyList<SessionPlan> after) =>
        ChangedSessions(before, after).Count > 0
        || before.Count != after.Count
        || after.Any(plan => plan.Id is null)
        || before.Any(session => after.All(plan => plan.Id != session.Id));

    /// <summary>The kept sessions whose time or place differs after the edit.</summary>
    public static IReadOnlyList<Guid> ChangedSessions(IReadOnlyList<Session> before, IReadOnlyList<SessionPlan> after) =>
        after
            .Where(plan => plan.Id is not null)
            .Join(before, plan => plan.Id, session => session.Id, (plan, session) => (plan, session))
            .Where(pair => pair.plan.StartsAt != pair.session.StartsAt || pair.plan.EndsAt != pair.session.EndsAt || pair.plan.Place != pair.session.Place)
            .Select(pair => pair.session.Id)
            .ToList();
}
