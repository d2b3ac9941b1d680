using System.Text;

namespace Network.Messaging.Domain;

/// <summary>A notification as it is mailed: what it says, in the recipient's language.</summary>
public sealed record MailedNotification(string Title, string Body, string? Link);

/// <summary>
/// The mails messaging sends, plain text in the recipient's language: one notification at once, or
/// the day's digest. Every mail says why it came and where to change that.
/// </summary>
public static class MailTexts
{
    public static (string Subject, string Text) Single(MailedNotification notification, string locale, string baseUrl)
    {
        var english = Locales.IsEnglish(locale);
        var text = new StringBuilder();
        text.Append(notification.Body).Append("\n\n");
        if (notification.Link is { } link)
        {
            text.Append(english ? "Open it on Network: " : "Auf Network ansehen: ").Append(baseUrl).Append(link).Append("\n\n");
        }

        text.Append(Footer(english, baseUrl));
        return (notification.Title, text.ToString());
    }

    public static (string Subject, string Text) Digest(IReadOnlyList<MailedNotification> notifications, string locale, string baseUrl)
    {
        var english = Locales.IsEnglish(locale);
        var subject = english
            ? $"Your Network digest: {notifications.Count} {(notifications.Count == 1 ? "update" : "updates")}"
            : $"Ihre Network-Zusammenfassung: {notifications.Count} {(notifications.Count == 1 ? "Neuigkeit" : "Neuigkeiten")}";
        var text = new StringBuilder();
        text.Append(english ? "Here is what happened on Network since the last digest.\n\n" : "Das ist seit der letzten Zusammenfassung auf Network passiert.\n\n");
        foreach (var notification in notifications)
        {
            text.Append("* ").Append(notification.Title).Append('\n');
            text.Append("  ").Append(notification.Body.ReplaceLineEndings("\n  ")).Append('\n');
            if (notification.Link is { } link)
            {
                text.Append("  ").Append(baseUrl).Append(link).Append('\n');
            }

            text.Append('\n');
        }

        text.Append(Footer(english, baseUrl));
        return (subject, text.ToString());
    }

    private static string Footer(bool english, string baseUrl) => english
        ? $"-- \nYou receive this mail because of your notification settings on Network. Change them here: {baseUrl}{WebPages.NotificationSettings}\n"
        : $"-- \nSie erhalten diese E-Mail wegen Ihrer Benachrichtigungs-Einstellungen bei Network. Hier ändern Sie sie: {baseUrl}{WebPages.NotificationSettings}\n";
}
