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

    [Fact]
    public async Task A_visitor_searches_the_directory_and_opens_an_organisation_by_keyboard_alone()
    {
        var word = Setup.UniqueWord();
        var name = $"Elternnetzwerk {word}";
        await platform.VerifiedOrganisationAsync(
            name, "mso", $"Wir beraten Eltern auf Arabisch und Deutsch. Stichwort {word}.", ["berlin_neukoelln"], ["education"], ["ar", "de"]);

        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/organisationen");
        await visitor.ExpectHeadingAsync("Organisationen finden");

        // Tab from the top of the page to the search field, type, and send the form with Enter.
        var search = visitor.Field("Suchwort");
        await TabUntilFocusedAsync(visitor, search);
        await visitor.Page.Keyboard.TypeAsync(word);
        await visitor.Page.Keyboard.PressAsync("Enter");
        var result = visitor.Page.Locator(".results").GetByRole(AriaRole.Link, new() { Name = name });
        await Expect(result).ToBeVisibleAsync();

        // On to the result: where the focus is can be seen (the focus ring), and Enter opens it.
        await TabUntilFocusedAsync(visitor, result);
        var ring = await result.EvaluateAsync<string>("element => getComputedStyle(element).boxShadow + ' ' + getComputedStyle(element).outlineStyle");
        Assert.False(ring.StartsWith("none none", StringComparison.Ordinal), $"the focused link shows no focus ring ({ring})");
        await visitor.Page.Keyboard.PressAsync("Enter");
        await visitor.ExpectHeadingAsync(name);
        await visitor.CheckAccessibilityAsync();
    }

    /// <summary>Presses Tab until <paramref name="target"/> has the focus, as someone without a mouse would; fails after 60 presses.</summary>
    private static async Task TabUntilFocusedAsync(Visitor visitor, ILocator target)
    {
        for (var presses = 0; presses < 60; presses++)
        {
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }

            await visitor.Page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail("Tab never reached the element: it cannot be reached by keyboard.");
    }
}
