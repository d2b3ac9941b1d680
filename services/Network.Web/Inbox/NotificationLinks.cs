namespace Network.Web.Inbox;

/// <summary>
/// A notification's link is already the address of the page that shows what it is about: messaging
/// writes these pages' paths (its `Domain/WebPages.cs`), and its migration `0005_links_to_web_pages.sql`
/// rewrote the ones it had stored before. Only a path on this site becomes a link.
/// </summary>
public static class NotificationLinks
{
    public static string? PageOf(string? link) => link is ['/', not '/' and not '\\', ..] ? link : null;
}
