namespace Network.Messaging.Domain;

/// <summary>The words of each notification, in the recipient's language (German unless they chose English).</summary>
public static class NotificationTexts
{
    public const string WelcomeType = "welcome";

    public static (string Title, string Body) Welcome(string locale, string displayName) => locale == "en"
        ? ("Welcome to Network", $"Hello {displayName}, your account is ready. Create your organisation's profile or join an existing one to get started.")
        : ("Willkommen bei Network", $"Hallo {displayName}, Ihr Konto ist eingerichtet. Legen Sie das Profil Ihrer Organisation an oder treten Sie einer bestehenden Organisation bei.");
}
