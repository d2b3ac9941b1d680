namespace Network.Web.Components.Pages.Organisations;

/// <summary>
/// What differs between the version someone else saved and what the person typed, field by field,
/// in words, so that after a refused edit (412) they can see what the other person changed.
/// </summary>
public static class EditConflict
{
    public static IReadOnlyList<(string Label, string Saved)> Differences(IEnumerable<(string Label, string Saved, string Typed)> fields) =>
        fields.Where(field => Normalised(field.Saved) != Normalised(field.Typed))
            .Select(field => (field.Label, field.Saved))
            .ToList();

    // Browsers send line breaks of text areas as CRLF; the same text is not a difference.
    private static string Normalised(string text) => text.ReplaceLineEndings("\n").Trim();
}
