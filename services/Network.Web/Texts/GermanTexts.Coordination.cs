namespace Network.Web.Texts;

public static partial class GermanTexts
{
    /// <summary>German texts of the coordinators' pages (verification queue, moderation, audit log, announcements, network overview).</summary>
    private static Dictionary<string, string> Coordination => new()
    {
    };
}
