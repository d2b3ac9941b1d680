namespace Network.Web.Texts;

public static partial class EnglishTexts
{
    /// <summary>English texts of running an organisation and its work: the profile, members, verification status, listings to edit and withdraw.</summary>
    private static Dictionary<string, string> Organising => new()
    {
    };
}
