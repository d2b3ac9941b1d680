namespace Network.Web.Texts;

public static partial class GermanTexts
{
    /// <summary>German texts of running an organisation and its work: the profile, members, listings to edit, events to organise.</summary>
    private static Dictionary<string, string> Organising => new()
    {
    };
}
