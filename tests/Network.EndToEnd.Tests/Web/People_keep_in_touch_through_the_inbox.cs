using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Network.EndToEnd.Tests.Platform;
using static Microsoft.Playwright.Assertions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The inbox journey in the browser: a women's association writes to a youth migration service from
/// its page; the service finds the notification and the conversation in its inbox, sees the next
/// message arrive while the conversation is open (the live stream, without a reload), and answers;
/// the association reports the answer; the service chooses how it is notified and that only partners
/// may write first, which the association is then told plainly.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed partial class People_keep_in_touch_through_the_inbox(PlatformFixture platform, Browser browser) : IClassFixture<Browser>
{
    [Fact]
    public async Task Two_organisations_write_live_report_a_message_and_choose_how_they_are_notified()
    {
        var word = Setup.UniqueWord();
        var amalName = $"Frauenverein Amal {word}";
        var serviceName = $"Jugendmigrationsdienst {word}";
        var (amal, amalEmail) = await platform.VerifiedOrganisationAsync(
            amalName, "mso", "Wir beraten Frauen auf Arabisch und Deutsch.", ["berlin_lichtenberg"], ["health"], ["de"]);
        var (service, serviceEmail) = await platform.VerifiedOrganisationAsync(
            serviceName, "service_provider", "Wir begleiten junge Menschen in Ausbildung und Beruf.", ["berlin_lichtenberg"], ["health"], ["de"]);
        // Fresh tokens carry the new memberships; messaging must know both organisations are verified.
        var amalToken = await platform.SignInAsync(amalEmail);
        await MessagingKnowsTheVerificationAsync(amalToken);
        await MessagingKnowsTheVerificationAsync(await platform.SignInAsync(serviceEmail));

        // The association writes first, from the service's page; a missing subject is said next to the field.
        await using var writer = await browser.VisitorAsync(platform);
        await SignInAsync(writer, amalEmail);
        await writer.OpenAsync($"/organisationen/{service}");
        await writer.FollowLinkAsync("Dieser Organisation schreiben");
        await writer.ExpectHeadingAsync("Einer Organisation schreiben");
        Assert.EndsWith($"/postfach/neu?organisation={service}", writer.Page.Url);
        await writer.ExpectTextAsync(serviceName);
        await writer.CheckAccessibilityAsync();
        var subject = $"Ausbildung für junge Frauen {word}";
        var first = "Guten Tag! Wir suchen Ausbildungsplätze für junge Frauen aus unserer Beratung.\nKönnen wir uns treffen?";
        await writer.FillAsync("Ihre Nachricht (Pflichtfeld)", first);
        await writer.PressButtonAsync("Senden");
        await Expect(writer.Page.Locator(".field-error")).ToContainTextAsync("Bitte geben Sie einen Betreff ein.");
        await Expect(writer.Field("Ihre Nachricht (Pflichtfeld)")).ToHaveValueAsync(first);
        await writer.CheckAccessibilityAsync();
        await writer.FillAsync("Betreff (Pflichtfeld)", subject);
        await writer.PressButtonAsync("Senden");
        await writer.ExpectHeadingAsync(subject);
        await writer.ExpectTextAsync("Ihre Nachricht ist verschickt.");
        await writer.ExpectTextAsync("Können wir uns treffen?");
        var conversation = Guid.Parse(ConversationAddress().Match(writer.Page.Url).Groups["id"].Value);

        // The service finds the notification, marked new in words, and the conversation with its unread message.
        await using var reader = await browser.VisitorAsync(platform);
        await SignInAsync(reader, serviceEmail);
        await reader.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Postfach" }).ClickAsync();
        await reader.ExpectHeadingAsync("Postfach");
        var notification = reader.Page.Locator(".inbox-notification", new() { HasText = $"Neue Nachricht von {amalName}" });
        await Expect(notification.Locator(".inbox-new")).ToHaveTextAsync("Neu");
        var conversationCard = reader.Page.Locator(".inbox-conversation", new() { HasText = subject });
        await Expect(conversationCard).ToContainTextAsync("1 ungelesene Nachricht");
        await Expect(conversationCard).ToContainTextAsync(amalName);
        await reader.CheckAccessibilityAsync();
        await reader.ScreenshotAsync("inbox-de");
        await notification.GetByRole(AriaRole.Button, new() { Name = "Als gelesen markieren" }).ClickAsync();
        await reader.ExpectTextAsync("Die Benachrichtigung ist als gelesen markiert.");
        await Expect(notification.Locator(".inbox-new")).ToHaveCountAsync(0);

        // While the conversation stays open, the association's next message appears without a reload.
        await conversationCard.GetByRole(AriaRole.Link, new() { Name = subject }).ClickAsync();
        await reader.ExpectHeadingAsync(subject);
        await reader.ExpectTextAsync("Können wir uns treffen?");
        await Expect(reader.Page.Locator("#inbox-live")).ToHaveAttributeAsync("data-state", "open");
        await reader.Page.EvaluateAsync("() => { window.stillTheSamePage = true; }");
        var second = $"Wir könnten am Dienstag um 10 Uhr vorbeikommen. {word}";
        await platform.PostAsync(amalToken, $"/api/messaging/conversations/{conversation}/messages", new { fromOrganisationId = amal, text = second });
        var arrived = reader.Page.Locator("#message-list > li", new() { HasText = second });
        await Expect(arrived).ToBeVisibleAsync();
        await Expect(arrived).ToContainTextAsync(amalName);
        await Expect(reader.Page.Locator("#inbox-live")).ToHaveTextAsync($"Neue Nachricht von {amalName}");
        Assert.True(await reader.Page.EvaluateAsync<bool>("() => window.stillTheSamePage === true"), "the conversation page was reloaded");
        await reader.CheckAccessibilityAsync();

        // The service answers; the association's open page shows the answer live too.
        await Expect(writer.Page.Locator("#inbox-live")).ToHaveAttributeAsync("data-state", "open");
        var answer = $"Dienstag passt. Bringen Sie gern Lebensläufe mit. {word}";
        await reader.FillAsync("Ihre Nachricht (Pflichtfeld)", answer);
        await reader.PressButtonAsync("Senden");
        await reader.ExpectTextAsync("Ihre Antwort ist verschickt.");
        await Expect(reader.Page.Locator("#message-list > li", new() { HasText = answer })).ToContainTextAsync("Ihre Organisation");
        await reader.CheckAccessibilityAsync();
        await reader.ScreenshotAsync("conversation-de");

        // The association reports the answer: a reason is required, then the coordinators have it.
        var answerForWriter = writer.Page.Locator("#message-list > li", new() { HasText = answer });
        await Expect(answerForWriter).ToBeVisibleAsync();
        await answerForWriter.GetByRole(AriaRole.Link, new() { Name = "Nachricht melden" }).ClickAsync();
        await writer.ExpectHeadingAsync("Nachricht melden");
        await writer.ExpectTextAsync(answer);
        await writer.PressButtonAsync("Meldung abschicken");
        await Expect(writer.Page.Locator(".field-error")).ToContainTextAsync("Bitte schreiben Sie, warum Sie die Nachricht melden.");
        await writer.CheckAccessibilityAsync();
        var reason = $"Prüfprobe {word}: bitte ansehen.";
        await writer.FillAsync("Was ist an der Nachricht nicht in Ordnung? (Pflichtfeld)", reason);
        await writer.PressButtonAsync("Meldung abschicken");
        await writer.ExpectHeadingAsync(subject);
        await writer.ExpectTextAsync("Danke für Ihre Meldung. Die Koordination prüft die Nachricht.");
        var coordinator = await platform.SignInAsync(PlatformFixture.CoordinatorEmail, PlatformFixture.CoordinatorPassword);
        var queue = await platform.GetAsync("/api/messaging/moderation/queue?contentType=message&limit=100", coordinator);
        Assert.Contains(reason, await queue.Content.ReadAsStringAsync());

        // The service chooses how it hears of answers and announcements; the choice is still there after a reload.
        await reader.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Mein Konto" }).ClickAsync();
        await reader.FollowLinkAsync("Benachrichtigungen einstellen");
        await reader.ExpectHeadingAsync("Benachrichtigungen einstellen");
        var answers = reader.Field("Eine neue Antwort in einem Gespräch");
        var announcements = reader.Field("Mitteilungen der Koordination");
        await Expect(answers).ToHaveValueAsync("in_app");
        await reader.CheckAccessibilityAsync();
        await reader.ScreenshotAsync("notification-settings-de");
        await answers.SelectOptionAsync("email");
        await announcements.SelectOptionAsync("off");
        await reader.PressButtonAsync("Einstellungen speichern");
        await reader.ExpectTextAsync("Ihre Einstellungen sind gespeichert.");
        await reader.Page.ReloadAsync();
        await Expect(answers).ToHaveValueAsync("email");
        await Expect(announcements).ToHaveValueAsync("off");

        // Only partners may now write first to the service.
        await reader.CheckAsync("Nur unsere Partner-Organisationen");
        await reader.PressButtonAsync($"Für {serviceName} speichern");
        await reader.ExpectTextAsync("Gespeichert: So dürfen andere Organisationen Ihrer Organisation schreiben.");
        await Expect(reader.Page.GetByLabel("Nur unsere Partner-Organisationen", new() { Exact = true })).ToBeCheckedAsync();
        await reader.CheckAccessibilityAsync();

        await reader.OpenAsync("/konto/benachrichtigungen?lang=en");
        await reader.ExpectHeadingAsync("Notification settings");
        await Expect(reader.Field("A new answer in a conversation")).ToHaveValueAsync("email");
        await reader.CheckAccessibilityAsync();
        await reader.ScreenshotAsync("notification-settings-en");
        await reader.OpenAsync("/postfach");
        await reader.ExpectHeadingAsync("Inbox");
        await reader.CheckAccessibilityAsync();
        await reader.ScreenshotAsync("inbox-en");

        // The association tries to open a second conversation and is told why it cannot, keeping what it typed.
        await writer.OpenAsync($"/postfach/neu?organisation={service}");
        await writer.FillAsync("Betreff (Pflichtfeld)", $"Noch eine Frage {word}");
        await writer.FillAsync("Ihre Nachricht (Pflichtfeld)", "Haben Sie auch Praktika?");
        await writer.PressButtonAsync("Senden");
        await Expect(writer.Page.Locator("#refusal")).ToContainTextAsync($"{serviceName} möchte neue Gespräche nur mit Partner-Organisationen beginnen.");
        await Expect(writer.Field("Ihre Nachricht (Pflichtfeld)")).ToHaveValueAsync("Haben Sie auch Praktika?");
        await writer.CheckAccessibilityAsync();
        await writer.ScreenshotAsync("new-conversation-refused-de");

        // The same person on a phone: the window narrowed to 360 px (a second browser with a copy of the
        // session cookie would renew the refresh token behind this one's back).
        await reader.Page.SetViewportSizeAsync(360, 780);
        foreach (var (address, heading, name) in new[]
        {
            ("/postfach?lang=de", "Postfach", "inbox-de-360px"),
            ($"/postfach/gespraeche/{conversation}", subject, "conversation-de-360px"),
        })
        {
            await reader.OpenAsync(address);
            await reader.ExpectHeadingAsync(heading);
            await reader.CheckAccessibilityAsync();
            await reader.ScreenshotAsync(name);
            Assert.True(await reader.Page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{address} scrolls sideways at 360 px");
        }
    }

    private static async Task SignInAsync(Visitor visitor, string email)
    {
        await visitor.OpenAsync("/konto/anmelden");
        await visitor.FillAsync("E-Mail-Adresse (Pflichtfeld)", email);
        await visitor.FillAsync("Passwort (Pflichtfeld)", PlatformClient.Password);
        await visitor.PressButtonAsync("Anmelden");
        await visitor.ExpectHeadingAsync("Mein Konto");
    }

    /// <summary>The members hear of the verification once messaging has it, and only then does messaging let the organisation write and be written to.</summary>
    private async Task MessagingKnowsTheVerificationAsync(string token)
    {
        var inbox = await PlatformClient.EventuallyAsync(
            async () =>
            {
                using var response = await platform.GetAsync("/api/messaging/notifications", token);
                return await response.Content.ReadAsStringAsync();
            },
            body => body.Contains("\"organisation_status\"", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60),
            TimeSpan.FromMilliseconds(500));
        Assert.Contains("\"organisation_status\"", inbox);
    }

    [GeneratedRegex("/postfach/gespraeche/(?<id>[0-9a-f-]{36})")]
    private static partial Regex ConversationAddress();
}
