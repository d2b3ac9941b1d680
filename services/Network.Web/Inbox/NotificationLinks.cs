using System.Text.RegularExpressions;

namespace Network.Web.Inbox;

/// <summary>
/// A notification's link is the messaging service's path of what it is about (`/conversations/{id}`,
/// `/listings/{id}` …), not an address of these pages: this turns it into the page that shows it, or
/// null where there is no such page yet (announcements, one's registrations).
/// </summary>
public static partial class NotificationLinks
{
    public static string? PageOf(string? link)
    {
        if (string.IsNullOrEmpty(link))
        {
            return null;
        }

        var match = Link().Match(link);
        if (!match.Success)
        {
            return null;
        }

        var id = match.Groups["id"].Value;
        return match.Groups["kind"].Value switch
        {
            "conversations" => $"/postfach/gespraeche/{id}",
            "organisations" => $"/organisationen/{id}",
            "listings" => $"/marktplatz/{id}",
            "events" => $"/veranstaltungen/{id}",
            "suggestions" => $"/marktplatz/vorschlaege?organisation={id}",
            _ => null,
        };
    }

    // Ids are matched as GUIDs only, so nothing else a link might carry reaches the page's address.
    [GeneratedRegex(@"^/(?:(?<kind>conversations|organisations|listings|events)/|(?<kind>suggestions)\?organisationId=)(?<id>[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$")]
    private static partial Regex Link();
}
