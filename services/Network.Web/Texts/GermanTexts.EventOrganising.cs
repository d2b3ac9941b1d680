namespace Network.Web.Texts;

public static partial class GermanTexts
{
    /// <summary>German texts of organising events: creating and changing them, registrations, attendance per session, the CSV export.</summary>
    private static Dictionary<string, string> EventOrganising => new()
    {
    };
}
