namespace Network.Web.Texts;

public static partial class EnglishTexts
{
    /// <summary>English texts of the events pages (list, calendar, an event, registering, my registrations, certificates).</summary>
    private static Dictionary<string, string> Events => new()
    {
    };
}
