using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The events journeys in the browser: a visitor finds a workshop by word and kind (also in the
/// calendar and the feed), signs in and takes its only place; a second person joins the waiting
/// list, moves up when the first withdraws and finds it under "my registrations". A participant of
/// a training series reads how many sessions are still missing for the certificate, then downloads it.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class People_take_part_in_events(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task A_visitor_finds_a_workshop_takes_the_last_place_and_a_second_person_moves_up_from_the_waitlist()
    {
        var word = Setup.UniqueWord();
        var (organiser, organiserName, organiserToken) = await OrganiserAsync(word);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin).Date).AddDays(3);
        var title = $"Elternabend Gesundheit {word}";
        var roundTable = $"Runder Tisch Gesundheit {word}";
        var workshop = await PublishAsync(organiserToken, new
        {
            organiserOrganisationId = organiser,
            kind = "workshop",
            title,
            description = "Wir sprechen über Vorsorge für Kinder. Eine Dolmetscherin übersetzt ins Vietnamesische.",
            topics = new[] { "health" },
            regions = new[] { "berlin_lichtenberg" },
            languages = new[] { "de", "vi" },
            sessions = new[]
            {
                new
                {
                    title = "Elternabend",
                    startsAt = $"{day:yyyy-MM-dd}T18:00",
                    endsAt = $"{day:yyyy-MM-dd}T20:00",
                    online = false,
                    venue = "Nachbarschaftshaus am Rathaus",
                    address = "Möllendorffstraße 6\n10367 Berlin",
                    accessibility = "Stufenloser Eingang, barrierefreies WC",
                },
            },
            capacity = 1,
            registrationDeadline = $"{day:yyyy-MM-dd}T12:00",
            visibility = "public",
        });
        await PublishAsync(organiserToken, new
        {
            organiserOrganisationId = organiser,
            kind = "round_table",
            title = roundTable,
            description = "Ein Runder Tisch der Gesundheitsdienste.",
            topics = new[] { "health" },
            regions = new[] { "berlin_lichtenberg" },
            languages = new[] { "de" },
            sessions = new[] { new { title = "Sitzung", startsAt = $"{day:yyyy-MM-dd}T10:00", endsAt = $"{day:yyyy-MM-dd}T12:00", online = true, url = "https://meet.example/runder-tisch" } },
            capacity = 30,
            registrationDeadline = $"{day:yyyy-MM-dd}T08:00",
            visibility = "public",
        });
        var firstEmail = PlatformClient.NewEmail("web-events-first");
        await platform.SignUpAsync(firstEmail, "Lan Nguyen");
        var secondEmail = PlatformClient.NewEmail("web-events-second");
        await platform.SignUpAsync(secondEmail, "Omar Haddad");

        // The home page shows what comes next and leads to every event.
        await using var first = await browser.VisitorAsync(platform);
        await first.OpenAsync("/");
        await Expect(first.Main.GetByRole(AriaRole.Heading, new() { Name = "Nächste Veranstaltungen" })).ToBeVisibleAsync();
        await first.CheckAccessibilityAsync();
        await first.FollowLinkAsync("Alle Veranstaltungen");
        await first.ExpectHeadingAsync("Veranstaltungen");

        // Word and kind narrow the list; the address keeps them.
        await first.FillAsync("Suchwort", word);
        await first.Field("Art").SelectOptionAsync("workshop");
        await first.PressButtonAsync("Suchen");
        var results = first.Page.Locator(".results");
        var card = results.Locator(".event-card", new() { HasText = title });
        await Expect(card.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = roundTable })).ToHaveCountAsync(0);
        await Expect(card).ToContainTextAsync("Noch 1 Platz frei");
        await Expect(card).ToContainTextAsync("18:00 bis 20:00 Uhr");
        await Expect(card).ToContainTextAsync("Nachbarschaftshaus am Rathaus");
        Assert.Contains($"suche={word}", first.Page.Url);
        Assert.Contains("art=workshop", first.Page.Url);
        await first.CheckAccessibilityAsync();
        await first.ScreenshotAsync("events-de");

        // The feed to subscribe to carries the same filters.
        var feed = await first.Page.GetByRole(AriaRole.Link, new() { Name = "Kalender abonnieren (iCalendar)" }).GetAttributeAsync("href");
        Assert.Equal($"/api/events/calendar.ics?query={word}&kind=workshop", feed);
        var calendarFile = await first.Page.APIRequest.GetAsync(feed!);
        Assert.StartsWith("text/calendar", calendarFile.Headers["content-type"]);
        var calendarText = await calendarFile.TextAsync();
        Assert.Contains(word, calendarText);
        Assert.DoesNotContain(roundTable, calendarText);

        // The calendar shows the month day by day, with the same filters.
        await first.FollowLinkAsync("Als Kalender zeigen");
        await first.ExpectHeadingAsync("Veranstaltungskalender");
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Berlin);
        if ((day.Year, day.Month) != (today.Year, today.Month))
        {
            await first.Page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Nächster Monat") }).ClickAsync();
        }

        var calendarDay = first.Page.Locator(".calendar-day", new() { HasText = title });
        await Expect(calendarDay.GetByRole(AriaRole.Heading)).ToContainTextAsync(day.ToString("d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE")));
        await Expect(calendarDay).ToContainTextAsync("18:00–20:00");
        await Expect(first.Main.GetByRole(AriaRole.Link, new() { Name = roundTable })).ToHaveCountAsync(0);
        await first.CheckAccessibilityAsync();
        await first.ScreenshotAsync("events-calendar-de");

        // The event's page: what, who, when, where, places; registering needs an account.
        await calendarDay.GetByRole(AriaRole.Link, new() { Name = title }).ClickAsync();
        await first.ExpectHeadingAsync(title);
        await first.ExpectTextAsync(organiserName);
        await first.ExpectTextAsync("Noch 1 von 1 Plätzen frei");
        await first.ExpectTextAsync("Möllendorffstraße 6");
        await first.ExpectTextAsync("Stufenloser Eingang, barrierefreies WC");
        await first.ExpectTextAsync($"{day.ToString("dddd, d. MMMM yyyy", CultureInfo.GetCultureInfo("de-DE"))}, 12:00 Uhr");
        await first.CheckAccessibilityAsync();
        await first.Main.GetByRole(AriaRole.Link, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await first.ExpectHeadingAsync("Anmelden");
        await first.FillAsync("E-Mail-Adresse (Pflichtfeld)", firstEmail);
        await first.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await first.PressButtonAsync("Anmelden");
        await first.ExpectHeadingAsync(title);
        await Expect(first.Field("Ihr Name für die Teilnahmebescheinigung")).ToHaveValueAsync("Lan Nguyen");
        await first.PressButtonAsync("Zur Veranstaltung anmelden");
        await first.ExpectTextAsync("Ihre Anmeldung ist eingegangen.");
        await first.ExpectTextAsync("Bestätigt: Sie haben einen Platz.");
        await first.CheckAccessibilityAsync();
        await first.ScreenshotAsync("event-de");

        // The place is taken: the second person waits, first in line.
        await using var second = await browser.VisitorAsync(platform);
        await second.OpenAsync($"/konto/anmelden?returnUrl={Uri.EscapeDataString($"/veranstaltungen/{workshop}")}");
        await second.FillAsync("E-Mail-Adresse (Pflichtfeld)", secondEmail);
        await second.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await second.PressButtonAsync("Anmelden");
        await second.ExpectHeadingAsync(title);
        await second.ExpectTextAsync("Ausgebucht. Die Warteliste ist noch leer.");
        await second.PressButtonAsync("Auf die Warteliste setzen");
        await second.ExpectTextAsync("Warteliste: Sie stehen an Platz 1.");
        await second.CheckAccessibilityAsync();
        await second.ScreenshotAsync("event-waitlist-de");

        // The first withdraws; the second moves up.
        await first.Page.ReloadAsync();
        await first.PressButtonAsync("Anmeldung zurückziehen");
        await first.ExpectTextAsync("Ihre Anmeldung ist zurückgezogen.");
        await Expect(first.Main.GetByRole(AriaRole.Button, new() { Name = "Auf die Warteliste setzen" })).ToBeVisibleAsync();
        await first.CheckAccessibilityAsync();
        await second.Page.ReloadAsync();
        await second.ExpectTextAsync("Bestätigt: Sie haben einen Platz.");

        await second.FollowLinkAsync("Alle meine Anmeldungen");
        await second.ExpectHeadingAsync("Meine Anmeldungen");
        var mine = second.Page.Locator(".my-registration", new() { HasText = title });
        await Expect(mine).ToContainTextAsync("Bestätigt: Sie haben einen Platz.");
        await Expect(mine.GetByRole(AriaRole.Link, new() { Name = title })).ToHaveAttributeAsync("href", $"/veranstaltungen/{workshop}");
        await second.CheckAccessibilityAsync();
        await second.ScreenshotAsync("my-registrations-de");

        await second.OpenAsync($"/veranstaltungen/{workshop}?lang=en");
        await second.ExpectHeadingAsync(title);
        await second.ExpectTextAsync("Confirmed: you have a place.");
        await second.CheckAccessibilityAsync();
        await second.ScreenshotAsync("event-en");

        await using var phone = await browser.VisitorAsync(platform, width: 360, height: 780);
        foreach (var (address, name) in new[] { ($"/veranstaltungen?suche={word}", "events-de-360px"), ($"/veranstaltungen/{workshop}", "event-de-360px") })
        {
            await phone.OpenAsync(address);
            await phone.ExpectTextAsync(title);
            await phone.CheckAccessibilityAsync();
            await phone.ScreenshotAsync(name);
            Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{address} scrolls sideways at 360 px");
        }
    }

    [Fact]
    public async Task A_participant_of_a_training_series_reads_what_is_missing_and_then_downloads_the_certificate()
    {
        var word = Setup.UniqueWord();
        var (organiser, _, organiserToken) = await OrganiserAsync(word);
        var email = PlatformClient.NewEmail("web-events-certificate");
        await platform.SignUpAsync(email, "Amina Yusuf");
        await using var participant = await browser.VisitorAsync(platform);
        await participant.OpenAsync("/konto/anmelden");
        await participant.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await participant.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await participant.PressButtonAsync("Anmelden");
        await participant.ExpectHeadingAsync("Mein Konto");

        // Attendance is recorded once a session has begun: this series begins within the minute.
        var now = DateTimeOffset.UtcNow;
        var firstStarts = now.AddSeconds(50);
        var secondStarts = now.AddSeconds(55);
        var title = $"Fortbildung Vereinsarbeit {word}";
        var series = await PublishAsync(organiserToken, new
        {
            organiserOrganisationId = organiser,
            kind = "training_series",
            title,
            description = "Zwei Module über Vereinsrecht und Fördermittel.",
            topics = new[] { "health" },
            regions = new[] { "online" },
            languages = new[] { "de" },
            sessions = new[]
            {
                new { title = "Modul 1: Vereinsrecht", startsAt = Iso(firstStarts), endsAt = Iso(firstStarts.AddHours(2)), online = true, url = "https://meet.example/modul-1" },
                new { title = "Modul 2: Fördermittel", startsAt = Iso(secondStarts), endsAt = Iso(secondStarts.AddHours(2)), online = true, url = "https://meet.example/modul-2" },
            },
            capacity = 10,
            registrationDeadline = Iso(now.AddSeconds(40)),
            certificateMinSessions = 2,
            visibility = "public",
        });

        await participant.OpenAsync($"/veranstaltungen/{series}");
        await participant.ExpectHeadingAsync(title);
        await participant.ExpectTextAsync("Sie bekommen eine Bescheinigung, wenn Sie bei mindestens 2 Terminen dabei waren.");
        await Expect(participant.Page.GetByLabel(new Regex("^Modul 1: Vereinsrecht"))).ToBeCheckedAsync();
        await Expect(participant.Page.GetByLabel(new Regex("^Modul 2: Fördermittel"))).ToBeCheckedAsync();
        await participant.CheckAccessibilityAsync();
        await participant.PressButtonAsync("Zur Veranstaltung anmelden");
        await participant.ExpectTextAsync("Bestätigt: Sie haben einen Platz.");
        await Expect(participant.Main.GetByRole(AriaRole.Link, new() { Name = "Zum Online-Raum" }).First).ToHaveAttributeAsync("href", "https://meet.example/modul-1");

        var sessions = await SessionIdsAsync(series);
        var registration = await RegistrationIdAsync(organiserToken, series);
        await WaitUntilAsync(firstStarts);
        await RecordAttendanceAsync(organiserToken, series, registration, sessions[0]);

        // One session on record: the page says one more is needed.
        await participant.Page.ReloadAsync();
        await participant.FollowLinkAsync("Teilnahmebescheinigung herunterladen (PDF)");
        await participant.ExpectHeadingAsync(title);
        await participant.ExpectTextAsync("Für die Bescheinigung fehlt Ihnen noch 1 Termin. Sie waren bei 1 von 2 nötigen Terminen.");
        await participant.CheckAccessibilityAsync();
        await participant.ScreenshotAsync("event-certificate-missing-de");

        await WaitUntilAsync(secondStarts);
        await RecordAttendanceAsync(organiserToken, series, registration, sessions[1]);
        await participant.FollowLinkAsync("Alle meine Anmeldungen");
        await participant.ExpectHeadingAsync("Meine Anmeldungen");
        var mine = participant.Page.Locator(".my-registration", new() { HasText = title });
        await participant.CheckAccessibilityAsync();
        var download = await participant.Page.RunAndWaitForDownloadAsync(() =>
            mine.GetByRole(AriaRole.Link, new() { Name = "Teilnahmebescheinigung herunterladen (PDF)" }).ClickAsync());
        Assert.EndsWith(".pdf", download.SuggestedFilename);
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    /// <summary>An organisation the coordinator verified, and a token of its member that names it.</summary>
    private async Task<(Guid Id, string Name, string Token)> OrganiserAsync(string word)
    {
        var name = $"Bildungswerk Lichtenberg {word}";
        var (id, email) = await platform.VerifiedOrganisationAsync(
            name, "mso", "Wir organisieren Bildung für Familien.", ["berlin_lichtenberg"], ["health", "education"], ["de", "vi"]);
        return (id, name, await platform.SignInAsync(email));
    }

    /// <summary>Publishes an event once the events service has heard that the organisation is verified.</summary>
    private async Task<Guid> PublishAsync(string token, object body)
    {
        var (status, text) = await PlatformClient.EventuallyAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, "/api/events/events")) { Content = JsonContent.Create(body) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await platform.Http.SendAsync(request);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            },
            answer => answer.StatusCode != HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(30),
            TimeSpan.FromMilliseconds(500));
        Assert.True(status == HttpStatusCode.Created, $"publishing the event: {(int)status} {text}");
        using var created = JsonDocument.Parse(text);
        return created.RootElement.GetProperty("id").GetGuid();
    }

    private async Task<IReadOnlyList<Guid>> SessionIdsAsync(Guid eventId)
    {
        using var response = await platform.GetAsync($"/api/events/events/{eventId}");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("sessions").EnumerateArray()
            .OrderBy(s => s.GetProperty("startsAt").GetDateTimeOffset())
            .Select(s => s.GetProperty("id").GetGuid()).ToList();
    }

    private async Task<Guid> RegistrationIdAsync(string organiserToken, Guid eventId)
    {
        using var response = await platform.GetAsync($"/api/events/events/{eventId}/registrations", organiserToken);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("items").EnumerateArray().Single().GetProperty("id").GetGuid();
    }

    private async Task RecordAttendanceAsync(string organiserToken, Guid eventId, Guid registrationId, Guid sessionId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri(platform.Gateway.BaseAddress, $"/api/events/events/{eventId}/attendance"))
        {
            Content = JsonContent.Create(new[] { new { registrationId, sessionId, attended = true } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", organiserToken);
        using var response = await platform.Http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"recording attendance: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task WaitUntilAsync(DateTimeOffset moment)
    {
        var wait = moment - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(1);
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
