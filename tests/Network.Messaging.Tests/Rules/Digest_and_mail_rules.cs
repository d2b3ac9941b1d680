using Network.Messaging.Domain;

namespace Network.Messaging.Tests.Rules;

public sealed class Digest_and_mail_rules
{
    private static readonly DigestSchedule AtSix = new(6);

    [Fact]
    public void After_the_digest_hour_everything_before_it_today_is_due() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 22, 6, 0, 0, TimeSpan.Zero), AtSix.LatestCutoff(new DateTimeOffset(2026, 3, 22, 9, 30, 0, TimeSpan.Zero)));

    [Fact]
    public void Before_the_digest_hour_the_cutoff_is_yesterdays() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 21, 6, 0, 0, TimeSpan.Zero), AtSix.LatestCutoff(new DateTimeOffset(2026, 3, 22, 5, 59, 0, TimeSpan.Zero)));

    [Fact]
    public void The_cutoff_is_taken_in_utc_whatever_the_offset_of_now() =>
        Assert.Equal(new DateTimeOffset(2026, 3, 22, 6, 0, 0, TimeSpan.Zero), AtSix.LatestCutoff(new DateTimeOffset(2026, 3, 22, 8, 0, 0, TimeSpan.FromHours(1))));

    [Fact]
    public void A_digest_lists_each_notification_with_its_link_in_the_recipients_language()
    {
        var items = new[] { new MailedNotification("Erstens", "Text eins", "/events/1"), new MailedNotification("Zweitens", "Zeile\nzwei", null) };

        var (subject, text) = MailTexts.Digest(items, "de", "https://network.test");

        Assert.Equal("Ihre Network-Zusammenfassung: 2 Neuigkeiten", subject);
        Assert.Contains("* Erstens\n  Text eins\n  https://network.test/events/1\n", text);
        Assert.Contains("* Zweitens\n  Zeile\n  zwei\n", text);
        Assert.Equal("Your Network digest: 1 update", MailTexts.Digest(items[..1], "en-GB", "https://network.test").Subject);
    }

    [Fact]
    public void German_is_the_language_of_everyone_who_did_not_choose_English()
    {
        Assert.Equal("Abgemeldet: „X“", NotificationTexts.RegistrationCancelled("X").In("tr").Title);
        Assert.Equal("Registration cancelled: “X”", NotificationTexts.RegistrationCancelled("X").In("en-US").Title);
    }

    [Fact]
    public void A_long_message_is_shortened_for_its_notification() =>
        Assert.Equal(new string('a', 200) + "…", NotificationTexts.Excerpt(new string('a', 300)));
}
