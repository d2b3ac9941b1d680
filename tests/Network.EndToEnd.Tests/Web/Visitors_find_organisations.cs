using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The public journey: someone without an account reads what Network is, in German or English,
/// searches the directory by word, district and language, opens an organisation's page and goes back.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class Visitors_find_organisations(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_visitor_reads_the_home_page_in_german_and_english_and_skips_to_the_content_by_keyboard()
    {
        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/");
        await visitor.ExpectHeadingAsync("Vielfalt vernetzen");
        await Expect(visitor.Page.Locator("html")).ToHaveAttributeAsync("lang", "de");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("home-de");

        // The first Tab reaches the skip link, which is then visible and leads into the content.
        await visitor.Page.Keyboard.PressAsync("Tab");
        var skip = visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Zum Inhalt springen" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync();
        await visitor.Page.Keyboard.PressAsync("Enter");
        await Expect(visitor.Main).ToBeFocusedAsync();

        await visitor.FollowLinkAsync("English");
        await visitor.ExpectHeadingAsync("Connecting diversity");
        await Expect(visitor.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("home-en");

        // The choice is remembered on the next page.
        await visitor.FollowLinkAsync("Organisations");
        await visitor.ExpectHeadingAsync("Find organisations");
        await visitor.FollowLinkAsync("Deutsch");
        await visitor.ExpectHeadingAsync("Organisationen finden");

        await using var phone = await browser.VisitorAsync(platform, width: 360, height: 780);
        await phone.OpenAsync("/");
        await phone.ExpectHeadingAsync("Vielfalt vernetzen");
        await phone.CheckAccessibilityAsync();
        await phone.ScreenshotAsync("home-de-360px");
        Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the home page scrolls sideways at 360 px");
    }

    [Fact]
    public async Task A_visitor_finds_an_organisation_by_word_district_and_language_and_opens_its_page()
    {
        var word = Setup.UniqueWord();
        var name = $"Vietnam-Haus {word}";
        await platform.VerifiedOrganisationAsync(
            name, "mso", $"Wir begleiten vietnamesische Familien zu Ärztinnen und Ämtern. Stichwort {word}.",
            ["berlin_lichtenberg"], ["health", "language_mediation"], ["vi", "de"]);
        await platform.VerifiedOrganisationAsync(
            $"Nachbarschaftstreff {word}", "mso", $"Offener Treff in Köln-Kalk. Stichwort {word}.",
            ["koeln_kalk"], ["culture_and_storytelling"], ["tr", "de"]);

        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/");
        await visitor.FollowLinkAsync("Organisationen");
        await visitor.ExpectHeadingAsync("Organisationen finden");
        await visitor.CheckAccessibilityAsync();

        await visitor.FillAsync("Suchwort", word);
        await visitor.Field("Ort").SelectOptionAsync(new SelectOptionValue { Label = "Lichtenberg" });
        await visitor.Field("Sprache").SelectOptionAsync("vi");
        await visitor.PressButtonAsync("Suchen");

        var results = visitor.Page.Locator(".results");
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await Expect(results).Not.ToContainTextAsync("Nachbarschaftstreff");
        // The search has an address of its own, to share and to come back to.
        Assert.Contains("ort=berlin_lichtenberg", visitor.Page.Url);
        Assert.Contains("sprache=vi", visitor.Page.Url);
        Assert.Contains($"suche={word}", visitor.Page.Url);
        await Expect(visitor.Field("Suchwort")).ToHaveValueAsync(word);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("directory-de");

        await results.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await visitor.ExpectHeadingAsync(name);
        await visitor.ExpectTextAsync("Migrant*innen-Selbstorganisation");
        await visitor.ExpectTextAsync("Sprachmittlung");
        await visitor.ExpectTextAsync("Lichtenberg");
        await visitor.ExpectTextAsync("Vietnamesisch");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = "https://verein.example" })).ToBeVisibleAsync();
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organisation-de");

        await visitor.Page.GoBackAsync();
        await Expect(results.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await visitor.Page.GoForwardAsync();
        await visitor.ExpectHeadingAsync(name);

        await visitor.FollowLinkAsync("English");
        await visitor.ExpectHeadingAsync(name);
        await visitor.ExpectTextAsync("Language mediation");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organisation-en");

        await using var phone = await browser.VisitorAsync(platform, width: 360, height: 780);
        await phone.OpenAsync($"/organisationen?suche={word}");
        await Expect(phone.Page.Locator(".results")).ToContainTextAsync(name);
        await Expect(phone.Page.Locator(".results")).ToContainTextAsync("Nachbarschaftstreff");
        await phone.CheckAccessibilityAsync();
        await phone.ScreenshotAsync("directory-de-360px");
        Assert.True(await phone.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the directory scrolls sideways at 360 px");
    }
}
