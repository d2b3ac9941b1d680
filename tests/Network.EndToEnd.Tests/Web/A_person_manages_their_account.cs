using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The account journeys in the browser: sign up (a form that says what to fix and keeps what was
/// typed), confirm the address with the link from the mail, sign out and in, and choose a new
/// password with the link from another mail; download one's data and delete the account.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class A_person_manages_their_account(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task A_person_signs_up_confirms_the_address_signs_out_and_in_and_resets_the_password()
    {
        var email = PlatformClient.NewEmail("web-account");
        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/");
        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Registrieren" }).ClickAsync();
        await visitor.ExpectHeadingAsync("Konto anlegen");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("sign-up-de");

        // A password that is too short: the page says so next to the field and keeps the rest.
        await visitor.FillAsync("Ihr Name (Pflichtfeld)", "Ayşe Demir");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", "kurz");
        await visitor.PressButtonAsync("Konto anlegen");
        await Expect(visitor.Page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Bitte prüfen Sie Ihre Angaben");
        await Expect(visitor.Field("Passwort (Pflichtfeld)")).ToHaveAttributeAsync("aria-invalid", "true");
        await visitor.ExpectTextAsync("Das Passwort ist zu kurz. Es braucht mindestens 12 Zeichen.");
        await Expect(visitor.Field("Ihr Name (Pflichtfeld)")).ToHaveValueAsync("Ayşe Demir");
        await Expect(visitor.Field("E-Mail-Adresse (Pflichtfeld)")).ToHaveValueAsync(email);
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("sign-up-errors-de");

        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Konto anlegen");
        await visitor.ExpectTextAsync("Wir haben Ihnen eine E-Mail geschickt.");

        // The link in the mail leads to the front end, which confirms the address with one button.
        var confirmation = await Mailbox.LinkAsync(platform.MailFolder, email, "/konto/bestaetigen");
        await visitor.OpenAsync(confirmation);
        await visitor.ExpectHeadingAsync("E-Mail-Adresse bestätigen");
        await visitor.CheckAccessibilityAsync();
        await visitor.PressButtonAsync("Adresse bestätigen");
        await visitor.ExpectTextAsync("Ihre E-Mail-Adresse ist bestätigt.");

        // A wrong password is refused in plain words; the address stays.
        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Anmelden" }).ClickAsync();
        await visitor.ExpectHeadingAsync("Anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", "ein falsches Passwort");
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectTextAsync("E-Mail-Adresse oder Passwort stimmen nicht.");
        await Expect(visitor.Field("E-Mail-Adresse (Pflichtfeld)")).ToHaveValueAsync(email);
        await visitor.CheckAccessibilityAsync();

        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");
        await visitor.ExpectTextAsync("Ayşe Demir");
        await Expect(visitor.Page.Locator(".facts")).ToContainTextAsync("Ja");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("account-de");

        // The session is an HttpOnly cookie that scripts cannot read.
        var cookies = await visitor.Context.CookiesAsync();
        var session = Assert.Single(cookies, c => c.Name == "network-session");
        Assert.True(session.HttpOnly);
        Assert.Equal(SameSiteAttribute.Lax, session.SameSite);

        await visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await visitor.ExpectTextAsync("Sie sind abgemeldet.");
        await visitor.OpenAsync("/konto");
        await visitor.ExpectHeadingAsync("Anmelden");
        Assert.Contains("returnUrl=%2Fkonto", visitor.Page.Url);

        await visitor.FollowLinkAsync("Passwort vergessen?");
        await visitor.ExpectHeadingAsync("Passwort vergessen");
        await visitor.CheckAccessibilityAsync();
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.PressButtonAsync("Link schicken");
        await visitor.ExpectTextAsync("ist eine E-Mail unterwegs");

        var reset = await Mailbox.LinkAsync(platform.MailFolder, email, "/konto/passwort-zuruecksetzen");
        await visitor.OpenAsync(reset);
        await visitor.ExpectHeadingAsync("Neues Passwort wählen");
        await visitor.CheckAccessibilityAsync();
        const string newPassword = "ein neuer langer Satz als Passwort";
        await visitor.FillAsync("Neues Passwort (Pflichtfeld)", newPassword);
        await visitor.PressButtonAsync("Passwort speichern");
        await visitor.ExpectTextAsync("Ihr neues Passwort ist gespeichert.");

        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", newPassword);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");
    }

    [Fact]
    public async Task A_person_downloads_their_data_and_deletes_their_account()
    {
        var email = PlatformClient.NewEmail("web-leaving");
        await platform.SignUpAsync(email, "Kwame Mensah");
        await using var visitor = await browser.VisitorAsync(platform);
        await visitor.OpenAsync("/konto");
        await visitor.ExpectHeadingAsync("Anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");

        var download = await visitor.Page.RunAndWaitForDownloadAsync(
            () => visitor.Main.GetByRole(AriaRole.Link, new() { Name = "Meine Daten herunterladen (JSON-Datei)" }).ClickAsync());
        Assert.EndsWith(".json", download.SuggestedFilename);
        var export = await File.ReadAllTextAsync(await download.PathAsync());
        Assert.Contains(email, export);
        Assert.Contains("Kwame Mensah", export);

        await visitor.FollowLinkAsync("Konto löschen");
        await visitor.ExpectHeadingAsync("Konto löschen");
        await visitor.CheckAccessibilityAsync();
        await visitor.ScreenshotAsync("delete-account-de");
        await visitor.PressButtonAsync("Konto endgültig löschen");
        await Expect(visitor.Page.Locator("#sure .field-error")).ToContainTextAsync("Bitte setzen Sie das Häkchen");
        await visitor.CheckAccessibilityAsync();
        await visitor.CheckAsync("Ja, ich möchte mein Konto endgültig löschen.");
        await visitor.PressButtonAsync("Konto endgültig löschen");
        await visitor.ExpectTextAsync("Ihr Konto ist gelöscht.");
        await Expect(visitor.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Anmelden" })).ToBeVisibleAsync();

        await visitor.OpenAsync("/konto/anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectTextAsync("E-Mail-Adresse oder Passwort stimmen nicht.");
    }
}
