using System.Net;
using Network.Events.Domain;
using Network.Events.Tests.Support;

namespace Network.Events.Tests;

public sealed class Calendars(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task An_event_calendar_has_one_entry_per_session_with_the_events_link_and_utc_times()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d =>
        {
            d["kind"] = "training_series";
            d["title"] = "Vielfalts-Montag – Verwaltung neu (er)leben; Modulreihe, Dessau-Roßlau, mit sehr langem Titel für das Falten";
            d["sessions"] = new[]
            {
                new Dictionary<string, object?> { ["title"] = "Modul 1", ["startsAt"] = "2027-03-28T09:00", ["endsAt"] = "2027-03-28T11:30", ["online"] = true, ["url"] = "https://meet.example/geheim" },
                new Dictionary<string, object?> { ["title"] = "Modul 2", ["startsAt"] = "2027-10-31T09:00", ["endsAt"] = "2027-10-31T13:00", ["online"] = false, ["venue"] = "Rathaus", ["address"] = "Zerbster Straße 4\n06844 Dessau-Roßlau" },
            };
            d["registrationDeadline"] = "2027-03-18T23:59";
        }));

        using var response = await api.AnonymousClient().GetAsync($"{EventRequests.Path}/{created.Id()}/calendar.ics");
        var (calendar, entries) = CalendarReader.Read(await response.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("2.0", calendar["VERSION"]);
        Assert.Equal(2, entries.Count);
        var sessions = created.SessionIds();
        Assert.Equal($"{sessions[0]}@events.network", entries[0]["UID"]);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero), entries[0].Time("DTSTART"));
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 8, 0, 0, TimeSpan.Zero), entries[1].Time("DTSTART"));
        Assert.All(entries, entry => Assert.Equal($"https://network.example/veranstaltungen/{created.Id()}", entry["URL"]));
        Assert.All(entries, entry => Assert.True(entry.Properties.ContainsKey("DTSTAMP")));
        Assert.StartsWith("Vielfalts-Montag – Verwaltung neu (er)leben; Modulreihe, Dessau-Roßlau", entries[0]["SUMMARY"]);
        // The public calendar does not give away the link of the online session.
        Assert.Equal("Online", entries[0]["LOCATION"]);
        Assert.Equal("Rathaus, Zerbster Straße 4, 06844 Dessau-Roßlau", entries[1]["LOCATION"]);
    }

    [Fact]
    public async Task The_feed_takes_the_lists_filters()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var roundTable = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["kind"] = "round_table"));
        await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));
        await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d =>
        {
            d["kind"] = "round_table";
            d["visibility"] = "members";
        }));

        using var response = await api.AnonymousClient().GetAsync($"/api/events/calendar.ics?organiserOrganisationId={organiser}&kind=round_table");
        var (_, entries) = CalendarReader.Read(await response.Content.ReadAsByteArrayAsync());
        using var bad = await api.AnonymousClient().GetAsync("/api/events/calendar.ics?kind=party");
        // A plain date as `to` takes in that whole day: the round table a week ahead is in.
        var day = BerlinTime.ToBerlin(api.Clock.GetUtcNow().AddDays(7)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var toThatDay = await api.AnonymousClient().GetAsync($"/api/events/calendar.ics?organiserOrganisationId={organiser}&kind=round_table&to={day}");
        Assert.Single(CalendarReader.Read(await toThatDay.Content.ReadAsByteArrayAsync()).Entries);

        Assert.Equal([$"{roundTable.SessionIds()[0]}@events.network"], entries.Select(e => e["UID"]));
        Assert.Equal(["kind"], await bad.ProblemFieldsAsync());
    }
}
