using Network.Events.Domain;

namespace Network.Events.Tests.Domain;

public sealed class Certificate_eligibility
{
    [Fact]
    public void Four_of_five_modules_earn_the_certificate_and_three_do_not()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 5, certificateMinSessions: 4);

        var atThreshold = CertificatePolicy.Evaluate(series, RegistrationStatus.Confirmed, 4);
        var oneBelow = CertificatePolicy.Evaluate(series, RegistrationStatus.Confirmed, 3);

        Assert.True(atThreshold.Eligible);
        Assert.Equal(0, atThreshold.SessionsMissing);
        Assert.False(oneBelow.Eligible);
        Assert.Equal(1, oneBelow.SessionsMissing);
    }

    [Fact]
    public void Without_a_number_every_session_counts()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 3);

        Assert.False(CertificatePolicy.Evaluate(series, RegistrationStatus.Confirmed, 2).Eligible);
        Assert.True(CertificatePolicy.Evaluate(series, RegistrationStatus.Confirmed, 3).Eligible);
    }

    [Fact]
    public void Only_confirmed_participants_of_events_that_took_place_get_one()
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 1);

        Assert.False(CertificatePolicy.Evaluate(series, RegistrationStatus.Waitlisted, 1).Eligible);
        Assert.False(CertificatePolicy.Evaluate(series with { Status = EventStatus.Cancelled }, RegistrationStatus.Confirmed, 1).Eligible);
    }
}
