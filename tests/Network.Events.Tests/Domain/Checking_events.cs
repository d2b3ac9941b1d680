using Network.Events.Domain;

namespace Network.Events.Tests.Domain;

public sealed class Checking_events
{
    private static readonly DateTimeOffset Now = new(2027, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_valid_event_keeps_its_sessions_in_time_order()
    {
        var (content, errors) = EventRules.Validate(Draft(sessions: [Session("2027-03-29T09:00", "2027-03-29T11:00"), Session("2027-03-22T09:00", "2027-03-22T11:00")]), Now);

        Assert.Empty(errors);
        Assert.Equal(new DateTimeOffset(2027, 3, 22, 8, 0, 0, TimeSpan.Zero), content!.Sessions[0].StartsAt);
        Assert.Equal(new DateTimeOffset(2027, 3, 29, 7, 0, 0, TimeSpan.Zero), content.Sessions[1].StartsAt);
    }

    [Fact]
    public void Each_fault_is_named_by_its_field()
    {
        var draft = Draft(
            sessions: [Session("2027-03-22T11:00", "2027-03-22T09:00"), Session("2027-03-28T02:30", "2027-03-28T04:00"), Session("2027-03-23T09:00", "2027-03-23T11:00", online: true)],
            capacity: 0,
            deadline: "2027-03-25T09:00") with
        { Topics = ["no_such_topic"], Regions = [], Visibility = null };

        var (content, errors) = EventRules.Validate(draft, Now);

        Assert.Null(content);
        Assert.Contains("sessions[0].endsAt", errors.Keys);
        Assert.Contains("sessions[1].startsAt", errors.Keys);
        Assert.Contains("sessions[2].url", errors.Keys);
        Assert.Contains("capacity", errors.Keys);
        Assert.Contains("topics", errors.Keys);
        Assert.Contains("regions", errors.Keys);
        Assert.Contains("visibility", errors.Keys);
    }

    [Fact]
    public void A_deadline_without_a_time_is_refused()
    {
        var (_, errors) = EventRules.Validate(Draft(deadline: "2027-03-18"), Now);

        Assert.Equal(["registrationDeadline"], errors.Keys);
    }

    [Fact]
    public void Registration_must_close_before_the_first_session()
    {
        var (_, errors) = EventRules.Validate(Draft(deadline: "2027-03-22T10:00"), Now);

        Assert.Equal(["registrationDeadline"], errors.Keys);
    }

    [Fact]
    public void More_than_fifty_sessions_are_refused()
    {
        var sessions = Enumerable.Range(0, 1000).Select(i => Session($"2027-04-01T{i % 10:00}:00", $"2027-04-01T{i % 10:00}:30")).ToList();

        var (_, errors) = EventRules.Validate(Draft(sessions: sessions), Now);

        Assert.Equal(["sessions"], errors.Keys);
    }

    [Fact]
    public void Sessions_in_the_past_are_refused_for_new_events()
    {
        var (_, errors) = EventRules.Validate(Draft(sessions: [Session("2027-01-09T09:00", "2027-01-09T11:00")], deadline: "2027-01-08T09:00"), Now);

        Assert.Contains("sessions[0].startsAt", errors.Keys);
    }

    [Fact]
    public void A_place_to_be_announced_is_neither_online_nor_at_a_venue()
    {
        var (content, _) = EventRules.Validate(Draft(sessions: [new SessionDraft(null, null, "2027-03-22T09:00", "2027-03-22T11:00", false, null, null, null, null)]), Now);

        Assert.True(content!.Sessions[0].Place.ToBeAnnounced);
        Assert.Equal("Termin 1", content.Sessions[0].Title);
    }

    private static EventDraft Draft(IReadOnlyList<SessionDraft>? sessions = null, int capacity = 20, string deadline = "2027-03-18T23:59") => new(
        "Vielfalts-Montag",
        "Weiterbildungsreihe für Verwaltungen",
        ["diversity_in_personnel"],
        ["dessau_rosslau"],
        ["de"],
        sessions ?? [Session("2027-03-22T09:00", "2027-03-22T11:30")],
        capacity,
        deadline,
        null,
        EventVisibility.Public);

    private static SessionDraft Session(string startsAt, string endsAt, bool online = false) =>
        new(null, "Modul", startsAt, endsAt, online, null, online ? null : "Rathaus", null, null);
}
