using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The marketplace journey in the browser: an MSO publishes an offer, finds the health office's
/// partner requests by search and filter, reads why Network suggests them, shows interest in one and
/// declines the other, and sees the partnership once the health office is interested too.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class Organisations_meet_in_the_marketplace(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_mso_publishes_an_offer_answers_its_suggestions_and_sees_the_partnership()
    {
        var word = Setup.UniqueWord();
        var msoName = $"Vietnam-Haus {word}";
        var officeName = $"Gesundheitsamt {word}";
        var (mso, msoEmail) = await platform.VerifiedOrganisationAsync(
            msoName, "mso", "Wir begleiten vietnamesische Familien.", ["berlin_lichtenberg"], ["health", "language_mediation"], ["vi", "de"]);
        var (office, officeEmail) = await platform.VerifiedOrganisationAsync(
            officeName, "service_provider", "Das Gesundheitsamt berät Familien.", ["berlin_lichtenberg"], ["health"], ["de"]);
        var officeToken = await platform.SignInAsync(officeEmail);
        var wanted = $"Vorsorge für vietnamesische Familien {word}";
        var other = $"Impfberatung in Lichtenberg {word}";
        foreach (var title in new[] { wanted, other })
        {
            await platform.PostAsync(officeToken, "/api/matching/listings", new
            {
                organisationId = office,
                kind = "request",
                title,
                description = "Das Gesundheitsamt sucht eine Organisation, die vietnamesischsprachige Familien erreicht.",
                topics = new[] { "health" },
                languages = new[] { "vi" },
                regions = new[] { "berlin_lichtenberg" },
                targetGroups = new[] { "families" },
                format = "hybrid",
            });
        }

        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/konto/anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", msoEmail);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");

        // Browse and filter: the health office's requests, by word and kind, with a shareable address.
        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Marktplatz" }).ClickAsync();
        await visitor.ExpectHeadingAsync("Marktplatz");
        await visitor.FillAsync("Suchwort", word);
        await visitor.Field("Art").SelectOptionAsync("request");
        await visitor.PressButtonAsync("Suchen");
        var results = visitor.Page.Locator(".results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = wanted })).ToBeVisibleAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = other })).ToBeVisibleAsync();
        Assert.Contains("art=request", visitor.Page.Url);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("marketplace-de");

        await visitor.FollowLinkAsync("Angebot oder Gesuch veröffentlichen");
        await visitor.ExpectHeadingAsync("Angebot oder Gesuch veröffentlichen");
        await visitor.CheckAccessibilityAsync();
        var offer = $"Gesundheitslotsinnen auf Vietnamesisch {word}";
        await visitor.Page.GetByLabel("Angebot – Das bieten wir an").CheckAsync();
        await visitor.FillAsync("Überschrift (Pflichtfeld)", offer);
        await visitor.FillAsync("Beschreibung (Pflichtfeld)", "Wir begleiten Familien zu Ärztinnen und erklären Vorsorge auf Vietnamesisch.");
        await visitor.CheckAsync("Gesundheit");
        await visitor.CheckAsync("Lichtenberg");
        await visitor.Page.Locator("#languages").GetByLabel("Vietnamesisch", new() { Exact = false }).First.CheckAsync();
        await visitor.CheckAsync("Familien");
        await visitor.PressButtonAsync("Veröffentlichen");
        // No format chosen: said next to the choice, everything else kept.
        await Expect(visitor.Page.Locator("#format .field-error")).ToContainTextAsync("Bitte wählen Sie, wie es stattfindet.");
        await Expect(visitor.Field("Überschrift (Pflichtfeld)")).ToHaveValueAsync(offer);
        await visitor.CheckAccessibilityAsync();
        await visitor.CheckAsync("Vor Ort");
        await visitor.PressButtonAsync("Veröffentlichen");
        await visitor.ExpectHeadingAsync(offer);
        await visitor.ExpectTextAsync("Ihr Eintrag ist veröffentlicht.");
        await visitor.ExpectTextAsync(msoName);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("listing-de");

        // The suggestions are made as the offer is published (or as soon as matching knows both organisations are verified).
        await visitor.FollowLinkAsync("Vorschläge");
        await visitor.ExpectHeadingAsync("Vorschläge");
        var wantedCard = visitor.Page.Locator(".suggestion", new() { HasText = wanted });
        var otherCard = visitor.Page.Locator(".suggestion", new() { HasText = other });
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                await Expect(wantedCard).ToBeVisibleAsync(new() { Timeout = 3_000 });
                await Expect(otherCard).ToBeVisibleAsync(new() { Timeout = 3_000 });
                break;
            }
            catch (PlaywrightException) when (DateTime.UtcNow < deadline)
            {
                // As a person would: look again.
                await visitor.Page.ReloadAsync();
            }
        }

        await Expect(wantedCard.Locator(".reasons")).ToContainTextAsync("Beide arbeiten in Lichtenberg");
        await Expect(wantedCard.Locator(".reasons")).ToContainTextAsync("Gleiches Thema: Gesundheit");
        await Expect(wantedCard).ToContainTextAsync(officeName);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("suggestions-de");

        await wantedCard.GetByRole(AriaRole.Button, new() { Name = "Interesse zeigen" }).ClickAsync();
        await visitor.ExpectTextAsync("Wir haben Ihr Interesse an die andere Seite weitergegeben.");
        await Expect(wantedCard).ToContainTextAsync("Sie haben Interesse gezeigt.");

        await otherCard.GetByText("Ablehnen", new() { Exact = true }).ClickAsync();
        await otherCard.GetByLabel("Warum lehnen Sie ab?", new() { Exact = false }).FillAsync("Impfberatung machen wir nicht.");
        await otherCard.GetByRole(AriaRole.Button, new() { Name = "Vorschlag ablehnen" }).ClickAsync();
        await visitor.ExpectTextAsync("Sie haben den Vorschlag abgelehnt.");
        await Expect(otherCard).ToContainTextAsync("Abgelehnt");
        await Expect(otherCard).ToContainTextAsync("Impfberatung machen wir nicht.");
        await visitor.CheckAccessibilityAsync();

        // The health office is interested too: a partnership.
        var suggestions = await platform.GetAsync($"/api/matching/suggestions?organisationId={office}", officeToken);
        using (var body = System.Text.Json.JsonDocument.Parse(await suggestions.Content.ReadAsStringAsync()))
        {
            var id = body.RootElement.GetProperty("items").EnumerateArray()
                .First(s => s.GetProperty("request").GetProperty("title").GetString() == wanted)
                .GetProperty("id").GetGuid();
            await platform.PostAsync(officeToken, $"/api/matching/suggestions/{id}/interest", new { organisationId = office });
        }

        await visitor.FollowLinkAsync("Partnerschaften");
        await visitor.ExpectHeadingAsync("Partnerschaften");
        await Expect(visitor.Main.GetByRole(AriaRole.Heading, new() { Name = officeName })).ToBeVisibleAsync();
        await visitor.ExpectTextAsync(wanted);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("partnerships-de");

        await visitor.FollowLinkAsync("English");
        await visitor.ExpectHeadingAsync("Partnerships");
        await visitor.ScreenshotAsync("partnerships-en");
        await visitor.OpenAsync($"/marktplatz/vorschlaege?organisation={mso}");
        await Expect(wantedCard.Locator(".reasons")).ToContainTextAsync("both work in Lichtenberg");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("suggestions-en");

        // The same person on a phone: the window narrowed to 360 px (a second browser with a copy of the
        // session cookie would renew the refresh token behind this one's back).
        await visitor.Page.SetViewportSizeAsync(360, 780);
        await visitor.OpenAsync($"/marktplatz/vorschlaege?organisation={mso}&lang=de");
        await visitor.ExpectHeadingAsync("Vorschläge");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("suggestions-de-360px");
        Assert.True(await visitor.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the suggestions scroll sideways at 360 px");
    }
}
