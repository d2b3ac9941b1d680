using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The organisation journeys: a signed-in person registers their association, sees that a coordinator
/// is checking it (and may already publish, held until then), and sees it checked once the
/// coordinator has verified it; an invited person joins an organisation with the link from the mail.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class An_organisation_joins_the_network(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_person_registers_an_organisation_and_sees_its_verification_status()
    {
        var email = PlatformClient.NewEmail("web-organisation");
        await platform.SignUpAsync(email, "Minh Nguyen");
        var name = $"Empowerment-Kollektiv {Setup.UniqueWord()}";

        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/organisationen/neu");
        // Signing in first, and back to the form afterwards.
        await visitor.ExpectHeadingAsync("Anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Organisation eintragen");
        await visitor.CheckAccessibilityAsync();

        await visitor.FillAsync("Name der Organisation (Pflichtfeld)", name);
        await visitor.Page.GetByLabel("Migrant*innen-Selbstorganisation", new() { Exact = false }).CheckAsync();
        await visitor.FillAsync("Was macht Ihre Organisation? (Pflichtfeld)", "Wir stärken junge Frauen mit Fluchtgeschichte.\nTreffen jeden Dienstag.");
        await visitor.CheckAsync("Empowerment");
        await visitor.CheckAsync("Neukölln");
        await visitor.PressButtonAsync("Organisation eintragen");

        // No language chosen: the page says so next to the choices and keeps everything else.
        await Expect(visitor.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte wählen Sie mindestens eine Sprache.");
        await Expect(visitor.Page.Locator("#languages .field-error")).ToContainTextAsync("Bitte wählen Sie mindestens eine Sprache.");
        await Expect(visitor.Field("Name der Organisation (Pflichtfeld)")).ToHaveValueAsync(name);
        await Expect(visitor.Page.GetByLabel("Empowerment", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(visitor.Page.GetByLabel("Neukölln", new() { Exact = true })).ToBeCheckedAsync();
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("create-organisation-errors-de");

        await visitor.Page.Locator("#languages").GetByLabel("Arabisch", new() { Exact = false }).First.CheckAsync();
        await visitor.PressButtonAsync("Organisation eintragen");
        await visitor.ExpectHeadingAsync(name);
        await visitor.ExpectTextAsync("Ihre Organisation ist eingetragen.");
        await Expect(visitor.Page.Locator("#status")).ToContainTextAsync("Wird geprüft");
        await visitor.ExpectTextAsync("Treffen jeden Dienstag.");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("organisation-pending-de");
        var organisationId = Guid.Parse(new Uri(visitor.Page.Url).Segments[^1]);

        // The session now carries a token with the new membership: matching lets the person publish for it (held until verified).
        await visitor.FollowLinkAsync("Angebot oder Gesuch veröffentlichen");
        await Expect(visitor.Field("Für welche Organisation?")).ToHaveValueAsync(organisationId.ToString());
        await visitor.Page.GetByLabel("Partnergesuch – Dafür suchen wir Partner").CheckAsync();
        await visitor.FillAsync("Überschrift (Pflichtfeld)", "Räume für unsere Treffen gesucht");
        await visitor.FillAsync("Beschreibung (Pflichtfeld)", "Wir suchen einen Raum in Neukölln für 20 Personen.");
        await visitor.CheckAsync("Empowerment");
        await visitor.CheckAsync("Neukölln");
        await visitor.Page.Locator("#languages").GetByLabel("Arabisch", new() { Exact = false }).First.CheckAsync();
        await visitor.CheckAsync("Vor Ort");
        await visitor.PressButtonAsync("Veröffentlichen");
        await visitor.ExpectHeadingAsync("Räume für unsere Treffen gesucht");
        await visitor.ExpectTextAsync("Nur Ihre Organisation sieht diesen Eintrag.");

        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Mein Konto" }).ClickAsync();
        var card = visitor.Page.Locator(".card", new() { HasText = name });
        await Expect(card).ToContainTextAsync("Wird geprüft");
        await Expect(card).ToContainTextAsync("Verwaltet die Organisation");

        await platform.VerifyAsync(organisationId);
        await visitor.Page.ReloadAsync();
        await Expect(card).ToContainTextAsync("Geprüft");
        await visitor.CheckAccessibilityAsync();

        await visitor.FollowLinkAsync("English");
        await Expect(card).ToContainTextAsync("Checked");
        await visitor.ScreenshotAsync("account-en");
    }

    [Fact]
    public async Task An_invited_person_follows_the_link_in_the_mail_signs_in_and_joins_the_organisation()
    {
        var (organisation, adminEmail) = await platform.VerifiedOrganisationAsync(
            $"Frauentreff {Setup.UniqueWord()}", "mso", "Ein Treff für Frauen in Spandau.", ["berlin_spandau"], ["empowerment"], ["fa", "de"]);
        var adminToken = await platform.SignInAsync(adminEmail);
        var email = PlatformClient.NewEmail("web-invited");
        await platform.SignUpAsync(email, "Parisa Ahmadi");
        await platform.PostAsync(adminToken, $"/api/directory/organisations/{organisation}/invitations", new { email, role = "member" });

        await using var visitor = await browser.VisitorAsync(platform);
        var invitation = await Mailbox.LinkAsync(platform.MailFolder, email, "/einladung/annehmen");
        await visitor.OpenAsync(invitation);
        // Not signed in yet: the sign-in page comes first and leads back to the invitation.
        await visitor.ExpectHeadingAsync("Anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Einladung annehmen");
        await visitor.CheckAccessibilityAsync();
        await visitor.PressButtonAsync("Einladung annehmen");
        await visitor.ExpectTextAsync("Willkommen! Sie sind jetzt Mitglied dieser Organisation.");
        await Expect(visitor.Main.GetByRole(AriaRole.Link, new() { Name = "Vorschläge" })).ToBeVisibleAsync();
        await visitor.CheckAccessibilityAsync();

        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Mein Konto" }).ClickAsync();
        await Expect(visitor.Page.Locator(".card")).ToContainTextAsync("Mitglied");
    }
}
