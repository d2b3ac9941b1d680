using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// Running an organisation in the browser: its admin edits the profile (a mistake explained next to
/// the field, a change someone else saved meanwhile shown rather than lost), invites a person by
/// mail who joins and is given a role, and edits and then withdraws one of its listings.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class An_organisation_looks_after_its_profile_and_listings(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task An_admin_edits_the_profile_invites_a_member_and_edits_and_withdraws_a_listing()
    {
        var word = Setup.UniqueWord();
        var oldName = $"Elternnetz {word}";
        var (organisation, adminEmail) = await platform.VerifiedOrganisationAsync(
            oldName, "mso", "Eltern helfen Eltern in Marzahn.", ["berlin_marzahn_hellersdorf"], ["education"], ["ru", "de"]);
        var adminToken = await platform.SignInAsync(adminEmail);
        var listingTitle = $"Hausaufgabenhilfe auf Russisch {word}";
        await platform.PostAsync(adminToken, "/api/matching/listings", new
        {
            organisationId = organisation,
            kind = "offer",
            title = listingTitle,
            description = "Ehrenamtliche helfen Kindern nach der Schule.",
            topics = new[] { "education" },
            languages = new[] { "ru" },
            regions = new[] { "berlin_marzahn_hellersdorf" },
            targetGroups = new[] { "families" },
            format = "in_person",
        });
        var invitedEmail = PlatformClient.NewEmail("web-member");
        const string invitedName = "Olga Petrenko";
        await platform.SignUpAsync(invitedEmail, invitedName);

        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/konto/anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", adminEmail);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");
        await visitor.FollowLinkAsync(oldName);
        await visitor.ExpectHeadingAsync(oldName);

        // The profile: one mistake first, explained next to the field, with everything typed kept.
        await visitor.FollowLinkAsync("Profil bearbeiten");
        await visitor.ExpectHeadingAsync("Profil bearbeiten");
        await Expect(visitor.Page.Locator("#status")).ToContainTextAsync("Geprüft");
        await Expect(visitor.Page.Locator("#status")).ToContainTextAsync("Die Organisation bleibt geprüft.");
        await Expect(visitor.Field("Was macht Ihre Organisation? (Pflichtfeld)")).ToHaveValueAsync("Eltern helfen Eltern in Marzahn.");
        await Expect(visitor.Page.GetByLabel("Bildung", new() { Exact = true })).ToBeCheckedAsync();
        await visitor.CheckAccessibilityAsync();
        var newName = $"Elternnetz Marzahn {word}";
        await visitor.FillAsync("Name der Organisation (Pflichtfeld)", newName);
        await visitor.FillAsync("Was macht Ihre Organisation? (Pflichtfeld)", string.Empty);
        await visitor.PressButtonAsync("Änderungen speichern");
        await Expect(visitor.Page.Locator(".field-invalid")).ToContainTextAsync("Bitte beschreiben Sie kurz, was Ihre Organisation macht.");
        await Expect(visitor.Field("Name der Organisation (Pflichtfeld)")).ToHaveValueAsync(newName);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("edit-organisation-errors-de");

        // Meanwhile another admin saves a new website: the page says so and shows it instead of overwriting it.
        await ChangeWebsiteAsync(organisation, adminToken, "https://elternnetz.example");
        const string description = "Eltern helfen Eltern in Marzahn.\nJeden Donnerstag Elterncafé.";
        await visitor.FillAsync("Was macht Ihre Organisation? (Pflichtfeld)", description);
        await visitor.PressButtonAsync("Änderungen speichern");
        var conflict = visitor.Page.Locator(".conflict");
        await Expect(conflict).ToContainTextAsync("Jemand anderes hat inzwischen etwas geändert");
        await Expect(conflict).ToContainTextAsync("https://elternnetz.example");
        await Expect(visitor.Field("Name der Organisation (Pflichtfeld)")).ToHaveValueAsync(newName);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("edit-organisation-conflict-de");
        await visitor.FillAsync("Webseite", "https://elternnetz.example");
        await visitor.PressButtonAsync("Änderungen speichern");
        await visitor.ExpectHeadingAsync(newName);
        await visitor.ExpectTextAsync("Ihre Änderungen sind gespeichert.");
        await visitor.ExpectTextAsync("Jeden Donnerstag Elterncafé.");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = "https://elternnetz.example" })).ToBeVisibleAsync();
        await visitor.CheckAccessibilityAsync();

        // The public sees the new profile too.
        await using (var stranger = await browser.VisitorAsync(platform))
        {
            await stranger.OpenAsync($"/organisationen/{organisation}");
            await stranger.ExpectHeadingAsync(newName);
            await stranger.ExpectTextAsync("Jeden Donnerstag Elterncafé.");
            await Expect(stranger.Main.GetByRole(AriaRole.Link, new() { Name = "Profil bearbeiten" })).ToHaveCountAsync(0);
        }

        // Members: invite a person by mail; once they accept they are in the list, and get a role.
        await visitor.FollowLinkAsync("Mitglieder");
        await visitor.ExpectHeadingAsync($"Mitglieder von {newName}");
        await Expect(visitor.Page.Locator(".member", new() { HasText = "(Sie)" })).ToContainTextAsync("Verwaltet die Organisation");
        await visitor.FillAsync("E-Mail-Adresse der Person (Pflichtfeld)", invitedEmail);
        await visitor.PressButtonAsync("Einladung schicken");
        await visitor.ExpectTextAsync("Die Einladung ist unterwegs.");
        await visitor.CheckAccessibilityAsync();

        var invitation = await Mailbox.LinkAsync(platform.MailFolder, invitedEmail, "/einladung/annehmen");
        await using (var invited = await browser.VisitorAsync(platform))
        {
            await invited.OpenAsync(invitation);
            await invited.ExpectHeadingAsync("Anmelden");
            await invited.FillAsync("E-Mail-Adresse (Pflichtfeld)", invitedEmail);
            await invited.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
            await invited.PressButtonAsync("Anmelden");
            await invited.ExpectHeadingAsync("Einladung annehmen");
            await invited.PressButtonAsync("Einladung annehmen");
            await invited.ExpectTextAsync("Willkommen! Sie sind jetzt Mitglied dieser Organisation.");
            await invited.ExpectHeadingAsync(newName);
        }

        await visitor.Page.ReloadAsync();
        var newMember = visitor.Page.Locator(".member", new() { HasText = invitedName });
        await Expect(newMember.Locator("dd").First).ToHaveTextAsync("Mitglied");
        await Expect(newMember).ToContainTextAsync(invitedEmail);
        await newMember.GetByLabel($"Neue Rolle für {invitedName}").SelectOptionAsync("org_admin");
        await newMember.GetByRole(AriaRole.Button, new() { Name = "Rolle ändern" }).ClickAsync();
        await visitor.ExpectTextAsync("Die Rolle ist geändert.");
        await Expect(newMember.Locator("dd").First).ToHaveTextAsync("Verwaltet die Organisation");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("members-de");

        await visitor.OpenAsync($"/organisationen/{organisation}/mitglieder?lang=en");
        await visitor.ExpectHeadingAsync($"Members of {newName}");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("members-en");
        await visitor.OpenAsync($"/organisationen/{organisation}/mitglieder?lang=de");

        // The same person on a phone: the window narrowed to 360 px (a second browser with a copy of the
        // session cookie would renew the refresh token behind this one's back).
        await visitor.Page.SetViewportSizeAsync(360, 780);
        await visitor.OpenAsync($"/organisationen/{organisation}/mitglieder");
        await visitor.ExpectHeadingAsync($"Mitglieder von {newName}");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("members-de-360px");
        Assert.True(await visitor.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the members page scrolls sideways at 360 px");
        await visitor.Page.SetViewportSizeAsync(1280, 900);

        // The listing: found in the marketplace, edited, then withdrawn after a confirmation step.
        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Marktplatz" }).ClickAsync();
        await visitor.FillAsync("Suchwort", word);
        await visitor.PressButtonAsync("Suchen");
        await visitor.Page.Locator(".results").GetByRole(AriaRole.Link, new() { Name = listingTitle }).ClickAsync();
        await visitor.ExpectHeadingAsync(listingTitle);
        await Expect(visitor.Page.Locator("#listing-status")).ToBeVisibleAsync();
        await visitor.FollowLinkAsync("Eintrag bearbeiten");
        await visitor.ExpectHeadingAsync("Eintrag bearbeiten");
        await Expect(visitor.Field("Überschrift (Pflichtfeld)")).ToHaveValueAsync(listingTitle);
        await Expect(visitor.Page.GetByLabel("Vor Ort", new() { Exact = true })).ToBeCheckedAsync();
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("edit-listing-de");
        var newTitle = $"Hausaufgabenhilfe auf Russisch und Ukrainisch {word}";
        await visitor.FillAsync("Überschrift (Pflichtfeld)", newTitle);
        await visitor.Page.Locator("#format").GetByLabel("Online", new() { Exact = true }).CheckAsync();
        await visitor.PressButtonAsync("Änderungen speichern");
        await visitor.ExpectHeadingAsync(newTitle);
        await visitor.ExpectTextAsync("Ihre Änderungen sind gespeichert.");
        await Expect(visitor.Main.Locator(".meta").First).ToContainTextAsync("Online");
        await visitor.CheckAccessibilityAsync();

        await visitor.FollowLinkAsync("Eintrag zurückziehen");
        await visitor.ExpectHeadingAsync("Eintrag zurückziehen");
        await visitor.ExpectTextAsync($"Möchten Sie „{newTitle}“ zurückziehen?");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("withdraw-listing-de");
        await visitor.PressButtonAsync("Ja, Eintrag zurückziehen");
        await visitor.ExpectTextAsync("Der Eintrag ist zurückgezogen.");
        await Expect(visitor.Page.Locator("#listing-status")).ToContainTextAsync("Diesen Eintrag sieht nur Ihre Organisation");
        await Expect(visitor.Page.Locator("#listing-status")).ToContainTextAsync("Sie haben den Eintrag zurückgezogen.");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = "Eintrag bearbeiten" })).ToHaveCountAsync(0);
        await visitor.CheckAccessibilityAsync();

        await visitor.OpenAsync($"/marktplatz?suche={word}");
        await visitor.ExpectHeadingAsync("Marktplatz");
        await visitor.ExpectTextAsync("Nichts passt zu Ihrer Suche.");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = newTitle })).ToHaveCountAsync(0);
        await visitor.CheckAccessibilityAsync();
    }

    /// <summary>Another admin's edit, made through the API against the version they read.</summary>
    private async Task ChangeWebsiteAsync(Guid organisation, string token, string website)
    {
        var path = $"/api/directory/organisations/{organisation}";
        using var current = await platform.GetAsync(path, token);
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(platform.Gateway.BaseAddress, path)) { Content = JsonContent.Create(new { website }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.IfMatch.Add(current.Headers.ETag!);
        using var response = await platform.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
