using Network.Events.Domain;

namespace Network.Events.Tests.Domain;

public sealed class Deciding_places_and_the_waitlist
{
    private static readonly DateTimeOffset Start = new(2027, 3, 22, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Registrations_past_capacity_go_to_the_waitlist_in_order()
    {
        var @event = Series(capacity: 2, sessions: 1);
        var registrations = new List<Registration>();

        var outcomes = Enumerable.Range(0, 4).Select(i =>
        {
            var outcome = RegistrationPolicy.Decide(@event, [@event.Sessions[0].Id], registrations);
            registrations.Add(Registration(@event, i, outcome.Status));
            return outcome;
        }).ToList();

        Assert.Equal([RegistrationStatus.Confirmed, RegistrationStatus.Confirmed, RegistrationStatus.Waitlisted, RegistrationStatus.Waitlisted], outcomes.Select(o => o.Status));
        Assert.Equal([null, null, 1, 2], outcomes.Select(o => o.WaitlistPosition));
    }

    [Fact]
    public void Places_are_counted_per_session_for_chosen_modules()
    {
        var @event = Series(capacity: 1, sessions: 3);
        var first = @event.Sessions[0].Id;
        var second = @event.Sessions[1].Id;
        List<Registration> registrations = [Registration(@event, 0, RegistrationStatus.Confirmed, [first])];

        Assert.Equal(RegistrationStatus.Confirmed, RegistrationPolicy.Decide(@event, [second], registrations).Status);
        Assert.Equal(RegistrationStatus.Waitlisted, RegistrationPolicy.Decide(@event, [first, second], registrations).Status);
        // The fullest session decides how many can still take the whole series.
        Assert.Equal(0, RegistrationPolicy.PlacesLeft(@event, RegistrationPolicy.TakenPlaces(@event, registrations)));
    }

    [Fact]
    public void A_freed_place_goes_to_the_first_on_the_waitlist_who_fits()
    {
        var @event = Series(capacity: 1, sessions: 2);
        var first = @event.Sessions[0].Id;
        var second = @event.Sessions[1].Id;
        List<Registration> registrations =
        [
            Registration(@event, 0, RegistrationStatus.Confirmed, [first]),
            Registration(@event, 1, RegistrationStatus.Waitlisted),
            Registration(@event, 2, RegistrationStatus.Waitlisted, [second]),
            Registration(@event, 3, RegistrationStatus.Waitlisted, [first]),
        ];

        // The whole-series registrant waits for the first module; the one who chose only the second moves up.
        var promoted = RegistrationPolicy.Promotions(@event, registrations);

        Assert.Equal([registrations[2].Id], promoted.Select(r => r.Id));
        Assert.Equal(2, RegistrationPolicy.PositionOf(registrations[2], registrations));
    }

    [Fact]
    public void Registration_closes_at_the_deadline_and_for_cancelled_events()
    {
        var @event = Series(capacity: 5, sessions: 1);

        Assert.Null(RegistrationPolicy.Refusal(@event, @event.RegistrationDeadline, alreadyRegistered: false));
        Assert.Equal(RegistrationRefusal.DeadlinePassed, RegistrationPolicy.Refusal(@event, @event.RegistrationDeadline.AddSeconds(1), alreadyRegistered: false));
        Assert.Equal(RegistrationRefusal.AlreadyRegistered, RegistrationPolicy.Refusal(@event, Start.AddDays(-10), alreadyRegistered: true));
        Assert.Equal(RegistrationRefusal.EventCancelled, RegistrationPolicy.Refusal(@event with { Status = EventStatus.Cancelled }, Start.AddDays(-10), alreadyRegistered: false));
    }

    [Fact]
    public void Cancelling_and_promoting_stop_when_the_first_session_begins()
    {
        var @event = Series(capacity: 1, sessions: 2);

        Assert.True(RegistrationPolicy.MayCancel(@event, Start.AddSeconds(-1)));
        Assert.True(RegistrationPolicy.MayPromote(@event, Start.AddSeconds(-1)));
        Assert.False(RegistrationPolicy.MayCancel(@event, Start));
        Assert.False(RegistrationPolicy.MayPromote(@event, Start));
        Assert.False(RegistrationPolicy.MayPromote(@event with { Status = EventStatus.Cancelled }, Start.AddDays(-1)));
    }

    internal static Event Series(int capacity, int sessions, int? certificateMinSessions = null) => new(
        Guid.NewGuid(),
        Guid.NewGuid(),
        EventKind.TrainingSeries,
        EventStatus.Scheduled,
        "Vielfalts-Montag",
        string.Empty,
        ["diversity_in_personnel"],
        ["dessau_rosslau"],
        ["de"],
        Enumerable.Range(0, sessions)
            .Select(i => new Session(Guid.NewGuid(), i + 1, $"Modul {i + 1}", Start.AddDays(7 * i), Start.AddDays(7 * i).AddHours(3), new SessionPlace(false, null, "Rathaus", null, null)))
            .ToList(),
        capacity,
        Start.AddDays(-4),
        certificateMinSessions,
        EventVisibility.Public,
        null,
        null,
        null,
        null,
        false,
        1,
        Start.AddDays(-30),
        Start.AddDays(-30));

    private static Registration Registration(Event @event, int sequence, RegistrationStatus status, IReadOnlyList<Guid>? sessions = null) =>
        new(Guid.NewGuid(), @event.Id, Guid.NewGuid(), null, null, status, sessions, sequence, Start.AddDays(-20), null);
}
