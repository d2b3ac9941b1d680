using System.Globalization;
using System.Net;
using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The organiser's journey in the browser: a member of a verified organisation creates a training
/// series with two sessions (the first try has a session ending before it starts, which the page
/// explains next to the field), sees the two people who registered, downloads them as CSV, moves the
/// second session, records who came to the first one once it has begun, and cancels the series.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class Organisers_run_an_event(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task A_member_creates_a_series_sees_the_registrations_records_attendance_moves_a_session_and_cancels_it()
    {
        var word = Setup.UniqueWord();
        var (organisation, organiserEmail) = await platform.VerifiedOrganisationAsync(
            $"Bildungswerk {word}", "service_provider", "Wir bilden Fachkräfte in Vielfalt fort.", ["berlin_lichtenberg"], ["health"], ["de"]);
        var organiserToken = await platform.SignInAsync(organiserEmail);
        await EventsKnowTheOrganisationIsVerifiedAsync(organiserToken, organisation);
        var amina = await PersonAsync("amina");
        var jonas = await PersonAsync("jonas");

        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/konto/anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", organiserEmail);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");

        await visitor.OpenAsync("/veranstaltungen/organisieren");
        await visitor.ExpectHeadingAsync("Veranstaltungen organisieren");
        await visitor.ExpectTextAsync("Hier gibt es noch keine Veranstaltungen.");
        await visitor.CheckAccessibilityAsync();
        await visitor.FollowLinkAsync("Neue Veranstaltung anlegen");
        await visitor.ExpectHeadingAsync("Neue Veranstaltung anlegen");
        await visitor.CheckAccessibilityAsync();

        // The first module starts in a minute or two, so that attendance can be recorded in this test;
        // registration closes as it starts. The second is in two weeks.
        var first = FirstModuleStart();
        var later = first.Date.AddDays(14);
        var title = $"Vielfalt in der Verwaltung {word}";
        await visitor.Page.GetByLabel("Fortbildungsreihe – mehrere Termine (Module), auf Wunsch mit Teilnahmebescheinigung").CheckAsync();
        await visitor.FillAsync("Titel (Pflichtfeld)", title);
        await visitor.FillAsync("Beschreibung", "Zwei Module für Mitarbeitende der Verwaltung.");
        await visitor.Page.Locator("#topics").GetByLabel("Gesundheit", new() { Exact = true }).CheckAsync();
        await visitor.Page.Locator("#regions").GetByLabel("Lichtenberg", new() { Exact = true }).CheckAsync();
        await visitor.Page.Locator("#languages").GetByLabel("Deutsch (Deutsch)", new() { Exact = true }).CheckAsync();
        await visitor.FillAsync("Plätze (Pflichtfeld)", "20");
        await visitor.FillAsync("Anmeldeschluss (Pflichtfeld)", first.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await visitor.FillAsync("Teilnahmebescheinigung ab wie vielen Terminen?", "2");
        var moduleOne = Session(visitor, 1);
        await moduleOne.GetByLabel("Titel des Termins", new() { Exact = true }).FillAsync("Modul 1: Grundlagen");
        await moduleOne.GetByLabel("Datum", new() { Exact = true }).FillAsync(first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await moduleOne.GetByLabel("Beginn (Uhrzeit)", new() { Exact = true }).FillAsync(first.ToString("HH:mm", CultureInfo.InvariantCulture));
        await moduleOne.GetByLabel("Ende (Uhrzeit)", new() { Exact = true }).FillAsync(first.AddMinutes(Math.Min(30, MinutesLeftInDay(first))).ToString("HH:mm", CultureInfo.InvariantCulture));
        await moduleOne.GetByLabel("Online", new() { Exact = true }).CheckAsync();
        await moduleOne.GetByLabel("Link zum Online-Termin", new() { Exact = true }).FillAsync("https://meet.example/modul-1");
        var moduleTwo = Session(visitor, 2);
        await moduleTwo.GetByLabel("Titel des Termins", new() { Exact = true }).FillAsync("Modul 2: Praxis");
        await moduleTwo.GetByLabel("Datum", new() { Exact = true }).FillAsync(later.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await moduleTwo.GetByLabel("Beginn (Uhrzeit)", new() { Exact = true }).FillAsync("18:00");
        await moduleTwo.GetByLabel("Ende (Uhrzeit)", new() { Exact = true }).FillAsync("17:00");
        await moduleTwo.GetByLabel("Name des Ortes", new() { Exact = true }).FillAsync("Bürgerhaus Lichtenberg");
        await moduleTwo.GetByLabel("Adresse", new() { Exact = true }).FillAsync("Hauptstraße 1, 10317 Berlin");
        await moduleTwo.GetByLabel("Barrierefreiheit", new() { Exact = true }).FillAsync("Zugang ohne Stufen");
        await visitor.PressButtonAsync("Veranstaltung veröffentlichen");

        // The second module ends before it starts: said (in German, as the page) next to its end time, everything typed kept.
        await Expect(moduleTwo.Locator(".field-error")).ToContainTextAsync("muss nach seinem Beginn enden");
        await Expect(moduleTwo.GetByLabel("Ende (Uhrzeit)", new() { Exact = true })).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(visitor.Field("Titel (Pflichtfeld)")).ToHaveValueAsync(title);
        await Expect(moduleOne.GetByLabel("Link zum Online-Termin", new() { Exact = true })).ToHaveValueAsync("https://meet.example/modul-1");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organise-create-de");
        await moduleTwo.GetByLabel("Ende (Uhrzeit)", new() { Exact = true }).FillAsync("20:00");
        await visitor.PressButtonAsync("Veranstaltung veröffentlichen");
        await visitor.ExpectHeadingAsync(title);
        await visitor.ExpectTextAsync("Ihre Veranstaltung ist veröffentlicht.");
        await visitor.ExpectTextAsync("18:00 bis 20:00 Uhr");
        await visitor.CheckAccessibilityAsync();
        var eventId = Guid.Parse(new Uri(visitor.Page.Url).AbsolutePath.Split('/')[^1]);
        var manage = $"/veranstaltungen/organisieren/{eventId}";

        // Two people register (through the API), before registration closes.
        await platform.PostAsync(amina, $"/api/events/events/{eventId}/registrations", new { participantName = "Amina Yılmaz" });
        await platform.PostAsync(jonas, $"/api/events/events/{eventId}/registrations", new { participantName = "Jonas Berger" });
        await visitor.Page.ReloadAsync();
        var registrations = visitor.Page.Locator(".organise-table");
        await Expect(registrations.GetByRole(AriaRole.Row, new() { Name = "Amina Yılmaz" })).ToContainTextAsync("Bestätigt");
        await Expect(registrations.GetByRole(AriaRole.Row, new() { Name = "Jonas Berger" })).ToContainTextAsync("Bestätigt");
        await visitor.ExpectTextAsync("2 von 20 vergeben, 18 frei");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organise-event-de");

        var download = await visitor.Page.RunAndWaitForDownloadAsync(() => visitor.FollowLinkAsync("Anmeldungen herunterladen (CSV-Datei für Tabellen)"));
        var csv = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Contains("participantName", csv);
        Assert.Contains("Amina Yılmaz", csv);
        Assert.Contains("Jonas Berger", csv);

        // The second module moves an hour earlier.
        await visitor.FollowLinkAsync("Veranstaltung ändern");
        await visitor.ExpectHeadingAsync($"Ändern: {title}");
        await visitor.CheckAccessibilityAsync();
        await Expect(Session(visitor, 2).GetByLabel("Titel des Termins", new() { Exact = true })).ToHaveValueAsync("Modul 2: Praxis");
        await Session(visitor, 2).GetByLabel("Beginn (Uhrzeit)", new() { Exact = true }).FillAsync("17:00");
        await Session(visitor, 2).GetByLabel("Ende (Uhrzeit)", new() { Exact = true }).FillAsync("19:00");
        await visitor.PressButtonAsync("Änderungen speichern");
        await visitor.ExpectHeadingAsync(title);
        await visitor.ExpectTextAsync("Ihre Änderungen sind gespeichert.");
        await visitor.ExpectTextAsync("17:00 bis 19:00 Uhr");

        await visitor.OpenAsync("/veranstaltungen/organisieren");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = title })).ToBeVisibleAsync();
        await visitor.ExpectTextAsync("2 von 20 Plätzen vergeben");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organise-list-de");
        await visitor.OpenAsync($"{manage}?lang=en");
        await visitor.ExpectTextAsync("Registrations");
        await visitor.ExpectTextAsync("17:00 to 19:00");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organise-event-en");
        // The same person on a phone: the window narrowed to 360 px. (A second browser with a copy of
        // the cookie would renew the session's refresh token behind this one's back, and the
        // directory takes the old token's next use for theft and ends the session.)
        await visitor.Page.SetViewportSizeAsync(360, 780);
        await visitor.OpenAsync($"{manage}/aendern?lang=de");
        await visitor.ExpectHeadingAsync($"Ändern: {title}");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organise-change-de-360px");
        Assert.True(await visitor.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the change form scrolls sideways at 360 px");
        await visitor.OpenAsync(manage);
        await visitor.ExpectHeadingAsync(title);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organise-event-de-360px");
        Assert.True(await visitor.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the event's page scrolls sideways at 360 px");
        await visitor.Page.SetViewportSizeAsync(1280, 900);

        // Once the first module has begun, the organiser records that Amina came and Jonas did not.
        var begins = TimeZoneInfo.ConvertTimeToUtc(first, Berlin);
        if (begins > DateTime.UtcNow)
        {
            await Task.Delay(begins - DateTime.UtcNow + TimeSpan.FromSeconds(1));
        }

        await visitor.OpenAsync($"{manage}?lang=de");
        var attendance = visitor.Main.GetByRole(AriaRole.Group, new() { Name = "Modul 1: Grundlagen", Exact = false });
        await attendance.GetByLabel("Amina Yılmaz", new() { Exact = true }).CheckAsync();
        await visitor.PressButtonAsync("Anwesenheit speichern");
        await visitor.ExpectTextAsync("Die Anwesenheit ist gespeichert.");
        await Expect(attendance.GetByLabel("Amina Yılmaz", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(attendance.GetByLabel("Jonas Berger", new() { Exact = true })).Not.ToBeCheckedAsync();
        await Expect(registrations.GetByRole(AriaRole.Row, new() { Name = "Amina Yılmaz" }).GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("1");
        await Expect(registrations.GetByRole(AriaRole.Row, new() { Name = "Jonas Berger" }).GetByRole(AriaRole.Cell).Last).ToHaveTextAsync("0");
        await visitor.CheckAccessibilityAsync();

        await visitor.FollowLinkAsync("Veranstaltung absagen");
        await visitor.ExpectHeadingAsync($"Absagen: {title}");
        await visitor.ExpectTextAsync("Angemeldet sind 2 Personen");
        await visitor.CheckAccessibilityAsync();
        await visitor.FillAsync("Warum sagen Sie ab? (Pflichtfeld)", "Die Referentin ist erkrankt. Wir melden uns mit einem neuen Termin.");
        await visitor.PressButtonAsync("Veranstaltung absagen");
        await visitor.ExpectHeadingAsync(title);
        await visitor.ExpectTextAsync("Die Veranstaltung ist abgesagt.");
        await visitor.ExpectTextAsync("Begründung: Die Referentin ist erkrankt.");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = "Veranstaltung ändern" })).ToHaveCountAsync(0);
        await visitor.CheckAccessibilityAsync();
    }

    /// <summary>A person with an account of their own, signed in through the API.</summary>
    private async Task<string> PersonAsync(string who)
    {
        var email = PlatformClient.NewEmail(who);
        var (signUp, _) = await platform.SignUpAsync(email, who);
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        return await platform.SignInAsync(email);
    }

    /// <summary>
    /// The events service learns of the verification through the bus. An empty draft tells whether it
    /// has: 403 while the organisation is not (yet) an organiser there, 400 for the missing fields once it is.
    /// </summary>
    private async Task EventsKnowTheOrganisationIsVerifiedAsync(string token, Guid organisation)
    {
        var status = await PlatformClient.EventuallyAsync(
            async () =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, "/api/events/events"))
                {
                    Content = System.Net.Http.Json.JsonContent.Create(new { organiserOrganisationId = organisation }),
                };
                request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
                using var response = await platform.Http.SendAsync(request);
                return response.StatusCode;
            },
            status => status == HttpStatusCode.BadRequest,
            TimeSpan.FromSeconds(30));
        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private static ILocator Session(Visitor visitor, int number) =>
        visitor.Main.GetByRole(AriaRole.Group, new() { Name = $"Termin {number}", Exact = true });

    /// <summary>
    /// A whole minute (the form's precision) far enough ahead for the series to be created and
    /// registered for before it starts, and with a few minutes of its day left for the module.
    /// </summary>
    private static DateTime FirstModuleStart()
    {
        var now = TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Berlin).AddSeconds(75);
        var start = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0).AddMinutes(1);
        return MinutesLeftInDay(start) < 5 ? start.Date.AddDays(1).AddMinutes(1) : start;
    }

    private static int MinutesLeftInDay(DateTime time) => (int)(time.Date.AddDays(1).AddMinutes(-1) - time).TotalMinutes;
}
