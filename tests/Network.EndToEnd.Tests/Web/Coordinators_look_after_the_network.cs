using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The coordinators' journey in the browser: a coordinator sees what waits, verifies a new
/// organisation, decides on a reported marketplace entry with a reason, finds both decisions in the
/// audit log, sends an announcement to an audience, and reads in the network overview that an offer
/// now fills a gap; someone who is not a coordinator is refused.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class Coordinators_look_after_the_network(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    private const string District = "koeln_chorweiler";
    private const string Topic = "older_people";

    [Fact]
    public async Task A_coordinator_verifies_moderates_announces_and_reads_the_network_overview()
    {
        var word = Setup.UniqueWord();
        await using var coordinator = await browser.VisitorAsync(platform);
        await SignInAsync(coordinator, PlatformFixture.CoordinatorEmail, PlatformFixture.CoordinatorPassword);

        // Before anything of this test exists: the offers for older people in Chorweiler.
        await coordinator.OpenAsync("/koordination/netzwerk?stadt=koeln");
        await coordinator.ExpectHeadingAsync("Das Netzwerk in Zahlen");
        var gapCell = coordinator.Page.Locator($"td[data-region='{District}'][data-topic='{Topic}']");
        var offersBefore = OffersIn(await gapCell.InnerTextAsync());

        // Other people: a new organisation waits for verification; a verified one offers two things, one of which is reported.
        var pendingName = $"Seniorentreff Chorweiler {word}";
        var pendingEmail = PlatformClient.NewEmail("pending");
        await platform.SignUpAsync(pendingEmail, "Leyla Arslan");
        var pendingToken = await platform.SignInAsync(pendingEmail);
        await platform.PostAsync(pendingToken, "/api/directory/organisations", new
        {
            name = pendingName,
            kind = "mso",
            description = "Wir treffen uns jede Woche mit älteren Menschen aus der Türkei.",
            regions = new[] { District },
            topics = new[] { Topic },
            languages = new[] { "tr", "de" },
            targetGroups = new[] { "older_migrants" },
            address = "Pariser Platz 1, 50765 Köln",
        });
        var (provider, providerEmail) = await platform.VerifiedOrganisationAsync(
            $"Pflegeberatung Köln {word}", "service_provider", "Wir beraten ältere Menschen und ihre Familien.", [District], [Topic], ["de"]);
        var providerToken = await platform.SignInAsync(providerEmail);
        var offer = $"Pflegeberatung in Chorweiler {word}";
        var reported = $"Günstige Pflegekräfte sofort {word}";
        var reportedId = Guid.Empty;
        foreach (var title in new[] { offer, reported })
        {
            var listing = await platform.PostAsync(providerToken, "/api/matching/listings", new
            {
                organisationId = provider,
                kind = "offer",
                title,
                description = "Beratung zu Pflegegrad, Pflegedienst und Hilfen im Alltag.",
                topics = new[] { Topic },
                languages = new[] { "de" },
                regions = new[] { District },
                format = "in_person",
            });
            reportedId = listing.GetProperty("id").GetGuid();
        }

        const string reportReason = "Das ist Werbung für eine Agentur, keine Beratung.";
        await ReportWhenListedAsync(pendingToken, reportedId, reportReason);

        // The start page: what waits, with links.
        await coordinator.OpenAsync("/koordination");
        await coordinator.ExpectHeadingAsync("Koordination");
        await Expect(coordinator.Page.Locator("#count-verification")).ToHaveTextAsync(new Regex("^[1-9][0-9]*$"));
        await Expect(coordinator.Page.Locator("#count-reports")).ToHaveTextAsync(new Regex("^[1-9][0-9]*\\+?$"));
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-de");

        // Verification: the new organisation with its details; accepted.
        await coordinator.FollowLinkAsync("Zur Prüfung");
        await coordinator.ExpectHeadingAsync("Prüfung neuer Organisationen");
        var pendingCard = coordinator.Page.Locator(".pending-organisation", new() { HasText = pendingName });
        await Expect(pendingCard).ToContainTextAsync("Wir treffen uns jede Woche mit älteren Menschen aus der Türkei.");
        await Expect(pendingCard).ToContainTextAsync("Pariser Platz 1, 50765 Köln");
        await Expect(pendingCard).ToContainTextAsync("Chorweiler");
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-verification-de");
        // Rejecting needs a reason: said next to the field.
        await pendingCard.GetByLabel("Ablehnen", new() { Exact = true }).CheckAsync();
        await pendingCard.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await Expect(pendingCard.Locator(".field-error")).ToContainTextAsync("Bitte schreiben Sie, warum Sie die Organisation ablehnen.");
        await coordinator.CheckAccessibilityAsync();
        await pendingCard.GetByLabel("Aufnehmen – die Angaben stimmen").CheckAsync();
        await pendingCard.GetByLabel("Begründung", new() { Exact = false }).FillAsync("Satzung und Vorstand geprüft.");
        await pendingCard.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await coordinator.ExpectTextAsync("Die Organisation ist aufgenommen.");
        await Expect(pendingCard).ToHaveCountAsync(0);

        // Moderation: the reported entry from the marketplace, with the reporter's words; hidden with a reason.
        await coordinator.FollowLinkAsync("Meldungen");
        await coordinator.ExpectHeadingAsync("Meldungen");
        var reportCard = coordinator.Page.Locator(".report", new() { HasText = reported });
        await Expect(reportCard).ToContainTextAsync("Marktplatz");
        await Expect(reportCard).ToContainTextAsync("Eintrag im Marktplatz");
        await Expect(reportCard).ToContainTextAsync(reportReason);
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-reports-de");
        const string decisionReason = "Werbung ist im Marktplatz nicht erlaubt.";
        await reportCard.GetByLabel("Ausblenden", new() { Exact = true }).CheckAsync();
        await reportCard.GetByLabel("Begründung", new() { Exact = false }).FillAsync(decisionReason);
        await reportCard.GetByRole(AriaRole.Button, new() { Name = "Entscheidung speichern" }).ClickAsync();
        await coordinator.ExpectTextAsync("Ihre Entscheidung ist gespeichert: Ausblenden.");
        await Expect(reportCard).ToHaveCountAsync(0);

        // The audit log: the verification, then the marketplace's moderation decision.
        await coordinator.FollowLinkAsync("Protokoll");
        await coordinator.ExpectHeadingAsync("Protokoll");
        var verificationRow = coordinator.Page.Locator("tr", new() { HasText = pendingName });
        await Expect(verificationRow).ToContainTextAsync("Aufgenommen");
        await Expect(verificationRow).ToContainTextAsync("Satzung und Vorstand geprüft.");
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-audit-de");
        await coordinator.Field("Protokoll").SelectOptionAsync("matching");
        await coordinator.PressButtonAsync("Anzeigen");
        Assert.Contains("art=matching", coordinator.Page.Url);
        var moderationRow = coordinator.Page.Locator("tr", new() { HasText = decisionReason });
        await Expect(moderationRow).ToContainTextAsync("Ausblenden");
        await Expect(moderationRow.GetByRole(AriaRole.Link, new() { Name = "Eintrag im Marktplatz" })).ToHaveAttributeAsync("href", $"/marktplatz/{reportedId}");
        await coordinator.CheckAccessibilityAsync();

        // An announcement to the organisations working in Chorweiler.
        await coordinator.FollowLinkAsync("Ankündigungen");
        await coordinator.ExpectHeadingAsync("Ankündigungen");
        var announcement = $"Runder Tisch Pflege im Alter {word}";
        await coordinator.FillAsync("Überschrift (Pflichtfeld)", announcement);
        await coordinator.FillAsync("Text (Pflichtfeld)", "Am 3. März treffen wir uns im Bürgerzentrum. Bitte sagen Sie es weiter.");
        await coordinator.Page.Locator("[id='audience.regions']").GetByLabel("Chorweiler", new() { Exact = true }).CheckAsync();
        await coordinator.PressButtonAsync("Ankündigung senden");
        await coordinator.ExpectTextAsync("Die Ankündigung ist unterwegs.");
        var sent = coordinator.Page.Locator(".announcement", new() { HasText = announcement });
        await Expect(sent).ToContainTextAsync("in Chorweiler");
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-announcements-de");

        // The overview: the offer that stayed listed fills a place in the gap map (once matching knows the provider is verified).
        await coordinator.FollowLinkAsync("Das Netzwerk in Zahlen");
        await coordinator.ExpectHeadingAsync("Das Netzwerk in Zahlen");
        await coordinator.Field("Stadt").SelectOptionAsync("koeln");
        await coordinator.PressButtonAsync("Anzeigen");
        Assert.Contains("stadt=koeln", coordinator.Page.Url);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (OffersIn(await gapCell.InnerTextAsync()) != offersBefore + 1 && DateTime.UtcNow < deadline)
        {
            // As a person would: look again.
            await Task.Delay(1_000);
            await coordinator.Page.ReloadAsync();
        }

        Assert.Equal(offersBefore + 1, OffersIn(await gapCell.InnerTextAsync()));
        await Expect(coordinator.Page.Locator("caption")).ToContainTextAsync("Angebote nach Bezirk und Thema in Köln");
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-overview-de");

        await coordinator.FollowLinkAsync("English");
        await coordinator.ExpectHeadingAsync("The network in numbers");
        await coordinator.CheckAccessibilityAsync();
        await coordinator.ScreenshotAsync("coordination-overview-en");

        // The same person on a phone: the window narrowed to 360 px (a second browser with a copy of the
        // session cookie would renew the refresh token behind this one's back).
        await coordinator.Page.SetViewportSizeAsync(360, 780);
        foreach (var (address, heading, name) in new[]
        {
            ("/koordination/netzwerk?stadt=koeln&lang=de", "Das Netzwerk in Zahlen", "coordination-overview-de-360px"),
            ("/koordination/protokoll", "Protokoll", "coordination-audit-de-360px"),
        })
        {
            await coordinator.OpenAsync(address);
            await coordinator.ExpectHeadingAsync(heading);
            await coordinator.CheckAccessibilityAsync();
            await coordinator.ScreenshotAsync(name);
            Assert.True(await coordinator.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{address} scrolls sideways at 360 px");
        }

        // Someone who is not a coordinator: a plain refusal.
        await using var member = await browser.VisitorAsync(platform);
        await SignInAsync(member, pendingEmail, PlatformClient.Password);
        var refused = await member.OpenAsync("/koordination/meldungen");
        Assert.Equal((int)HttpStatusCode.Forbidden, refused!.Status);
        await member.ExpectHeadingAsync("Nur für Koordinierungsstellen");
        await Expect(member.Main).Not.ToContainTextAsync(reported);
        await Expect(member.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Koordination" })).ToHaveCountAsync(0);
        await member.CheckAccessibilityAsync();
    }

    private static async Task SignInAsync(Visitor visitor, string email, string password)
    {
        await visitor.OpenAsync("/konto/anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", password);
        // Enter in the password field sends the form, as many people do. Signing in hashes the password slowly on purpose;
        // on a busy machine that alone can outlast Playwright's 30 seconds for a click's navigation, so the heading gets longer.
        await visitor.Field("Passwort (Pflichtfeld)").FocusAsync();
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Page.GetByRole(AriaRole.Heading, new() { Name = "Mein Konto", Level = 1 })).ToBeVisibleAsync(new() { Timeout = 90_000 });
    }

    /// <summary>Reports the listing as soon as matching lists it (it learns of the verification from the directory's event).</summary>
    private async Task ReportWhenListedAsync(string token, Guid listingId, string reason)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, "/api/matching/reports"))
            {
                Content = System.Net.Http.Json.JsonContent.Create(new { contentType = "listing", contentId = listingId, reason }),
            };
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            using var response = await platform.Http.SendAsync(request);
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            Assert.True(response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline, $"reporting the listing: {(int)response.StatusCode}");
            await Task.Delay(500);
        }
    }

    /// <summary>A cell of the gap map: a number, or a dash with "kein Angebot".</summary>
    private static int OffersIn(string cell) => Digits().Match(cell) is { Success: true } number ? int.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture) : 0;

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();
}
