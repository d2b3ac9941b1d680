using Network.Events.Domain;

namespace Network.Events.Tests.Domain;

public sealed class Certificate_eligibility
{
    [Fact]
    public void Four_of_five_modules_earn_the_certificate_and_three_do_not()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 5, certificateMinSessions: 4);

        var atThreshold = CertificatePolicy.Evaluate(series, Confirmed(series), 4);
        var oneBelow = CertificatePolicy.Evaluate(series, Confirmed(series), 3);

        Assert.True(atThreshold.Eligible);
        Assert.Equal(0, atThreshold.SessionsMissing);
        Assert.False(oneBelow.Eligible);
        Assert.Equal(1, oneBelow.SessionsMissing);
    }

    [Fact]
    public void Without_a_number_every_session_counts()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 3);

        Assert.False(CertificatePolicy.Evaluate(series, Confirmed(series), 2).Eligible);
        Assert.True(CertificatePolicy.Evaluate(series, Confirmed(series), 3).Eligible);
    }

    [Fact]
    public void Only_confirmed_participants_of_events_that_took_place_get_one()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 1);

        Assert.False(CertificatePolicy.Evaluate(series, Confirmed(series) with { Status = RegistrationStatus.Waitlisted }, 1).Eligible);
        Assert.False(CertificatePolicy.Evaluate(series with { Status = EventStatus.Cancelled }, Confirmed(series), 1).Eligible);
    }

    [Fact]
    public void Without_a_number_the_chosen_modules_are_what_counts()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 5);
        var chosen = Confirmed(series, [series.Sessions[0].Id, series.Sessions[2].Id]);

        Assert.Equal(2, CertificatePolicy.SessionsRequired(series, chosen.SessionIds));
        Assert.False(CertificatePolicy.Evaluate(series, chosen, 1).Eligible);
        Assert.True(CertificatePolicy.Evaluate(series, chosen, 2).Eligible);
        Assert.True(CertificatePolicy.IsPossible(series, chosen.SessionIds));
    }

    [Fact]
    public void Choosing_fewer_modules_than_the_number_makes_a_certificate_impossible()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 5, certificateMinSessions: 4);
        var three = Confirmed(series, series.Sessions.Take(3).Select(s => s.Id).ToList());
        var four = Confirmed(series, series.Sessions.Take(4).Select(s => s.Id).ToList());

        Assert.False(CertificatePolicy.IsPossible(series, three.SessionIds));
        Assert.Equal(4, CertificatePolicy.Evaluate(series, three, 3).SessionsRequired);
        Assert.False(CertificatePolicy.Evaluate(series, three, 3).Eligible);
        Assert.True(CertificatePolicy.IsPossible(series, four.SessionIds));
        Assert.True(CertificatePolicy.IsPossible(series, null));
    }

    private static Registration Confirmed(Event @event, IReadOnlyList<Guid>? sessions = null) =>
        new(Guid.NewGuid(), @event.Id, Guid.NewGuid(), "Fatma Demir", null, RegistrationStatus.Confirmed, sessions, 1, @event.CreatedAt, null);
}
