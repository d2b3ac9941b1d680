namespace Network.Directory.Domain;

/// <summary>A mail's subject and plain text, in the recipient's language.</summary>
public sealed record MailText(string Subject, string Text);

/// <summary>
/// The mails about an account, in its locale (German unless it chose English). The links lead
/// to the web front end, which posts the token to the API. They do not name the person: whoever
/// signs up chooses the name, and may not own the address, so a name is a way to put words of
/// their own (a link, say) into a mail we send to a stranger.
/// </summary>
public static class AccountMails
{
    public const string ConfirmationPath = "/konto/bestaetigen";
    public const string PasswordResetPath = "/konto/passwort-zuruecksetzen";

    public static string Link(string publicBaseUrl, string path, string token) =>
        $"{publicBaseUrl}{path}?token={Uri.EscapeDataString(token)}";

    public static MailText Confirmation(string locale, string link) => locale == "en"
        ? new MailText(
            "Please confirm your e-mail address",
            $"""
            Hello,

            welcome to Network. Please confirm that this address is yours by opening this link:

            {link}

            The link works once and for 48 hours. If you did not sign up, ignore this mail.

            Network
            """)
        : new MailText(
            "Bitte bestätigen Sie Ihre E-Mail-Adresse",
            $"""
            Hallo,

            willkommen bei Network. Bitte bestätigen Sie, dass diese Adresse Ihnen gehört, indem Sie
            diesen Link öffnen:

            {link}

            Der Link gilt einmal und 48 Stunden lang. Wenn Sie sich nicht angemeldet haben,
            ignorieren Sie diese Mail einfach.

            Network
            """);

    public static MailText PasswordReset(string locale, string link) => locale == "en"
        ? new MailText(
            "Reset your password",
            $"""
            Hello,

            someone (hopefully you) asked to reset the password of your Network account. To choose
            a new password, open this link:

            {link}

            The link works once and for one hour. Setting a new password signs you out everywhere.
            If you did not ask for this, ignore this mail: your password stays as it is.

            Network
            """)
        : new MailText(
            "Passwort zurücksetzen",
            $"""
            Hallo,

            jemand (hoffentlich Sie) möchte das Passwort Ihres Network-Kontos zurücksetzen. Um ein
            neues Passwort zu wählen, öffnen Sie diesen Link:

            {link}

            Der Link gilt einmal und eine Stunde lang. Mit dem neuen Passwort werden Sie überall
            abgemeldet. Wenn Sie das nicht angefordert haben, ignorieren Sie diese Mail: Ihr
            Passwort bleibt unverändert.

            Network
            """);
}
