namespace Network.Messaging.Domain;

/// <summary>
/// The web front end's pages that notifications lead to (README, "Web front end"). A notification
/// stores the page's path: the inbox links it as it is, and mails put the platform's public address
/// (<c>NETWORK_PUBLIC_URL</c>) before it, so the link a person receives opens the page, not an API path.
/// </summary>
public static class WebPages
{
    public const string NotificationSettings = "/konto/benachrichtigungen";

    public const string NewOrganisation = "/organisationen/neu";

    public const string MyRegistrations = "/veranstaltungen/meine";

    public static string Conversation(Guid id) => $"/postfach/gespraeche/{id}";

    public static string Organisation(Guid id) => $"/organisationen/{id}";

    public static string Listing(Guid id) => $"/marktplatz/{id}";

    public static string Event(Guid id) => $"/veranstaltungen/{id}";

    public static string Suggestions(Guid organisationId) => $"/marktplatz/vorschlaege?organisation={organisationId}";
}
