namespace Network.ServiceDefaults.Http;

/// <summary>Rules every service applies to text people type.</summary>
public static class TextRules
{
    /// <summary>
    /// Control characters have no place in names and titles: PostgreSQL refuses NUL outright, and a
    /// line break in a name would end up in mail subjects and headers. Longer texts may keep line breaks.
    /// </summary>
    public static bool HasControlCharacters(string text, bool allowLineBreaks) =>
        text.Any(c => char.IsControl(c) && !(allowLineBreaks && c is '\n' or '\r' or '\t'));
}
