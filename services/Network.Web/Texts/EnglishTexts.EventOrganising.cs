namespace Network.Web.Texts;

public static partial class EnglishTexts
{
    /// <summary>English texts of organising events: creating and changing them, registrations, attendance per session, the CSV export.</summary>
    private static Dictionary<string, string> EventOrganising => new()
    {
    };
}
