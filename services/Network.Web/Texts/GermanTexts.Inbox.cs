namespace Network.Web.Texts;

public static partial class GermanTexts
{
    /// <summary>German texts of the inbox (notifications, conversations, live updates) and the notification preferences.</summary>
    private static Dictionary<string, string> Inbox => new()
    {
    };
}
