using System.Text;
using Network.Events.Domain;
using Network.Events.Tests.Support;

namespace Network.Events.Tests.Domain;

public sealed class Writing_icalendar
{
    private static readonly DateTimeOffset Stamp = new(2027, 1, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Long_lines_fold_at_75_octets_without_splitting_a_character()
    {
        var summary = string.Concat(Enumerable.Repeat("Vielfaltskompetente Beratung für Ämter – Ü ß 🌍 ", 6));
        var entry = Entry(summary, "Zeile eins\nZeile zwei; mit Komma, und \\ Backslash");

        var octets = Encoding.UTF8.GetBytes(ICalendar.Write("Network", [entry], Stamp));
        var (_, entries) = CalendarReader.Read(octets);

        Assert.Equal(summary, Assert.Single(entries)["SUMMARY"]);
        Assert.Equal("Zeile eins\nZeile zwei; mit Komma, und \\ Backslash", entries[0]["DESCRIPTION"]);
    }

    [Fact]
    public void Every_entry_has_uid_stamp_times_in_utc_and_the_link()
    {
        var octets = Encoding.UTF8.GetBytes(ICalendar.Write("Network", [Entry("Runder Tisch", "")], Stamp));

        var (calendar, entries) = CalendarReader.Read(octets);

        Assert.Equal("2.0", calendar["VERSION"]);
        Assert.True(calendar.ContainsKey("PRODID"));
        var entry = Assert.Single(entries);
        Assert.Equal("abc@events.network", entry["UID"]);
        Assert.Equal(Stamp, entry.Time("DTSTAMP"));
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero), entry.Time("DTSTART"));
        Assert.Equal("https://network.example/veranstaltungen/1", entry["URL"]);
    }

    private static CalendarEntry Entry(string summary, string description) => new(
        "abc@events.network",
        new DateTimeOffset(2027, 3, 28, 9, 0, 0, TimeSpan.FromHours(2)),
        new DateTimeOffset(2027, 3, 28, 11, 0, 0, TimeSpan.FromHours(2)),
        summary,
        description,
        "Rathaus, Zerbster Straße 4, 06844 Dessau-Roßlau",
        "https://network.example/veranstaltungen/1",
        false,
        1,
        Stamp);
}
