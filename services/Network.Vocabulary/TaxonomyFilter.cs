namespace Network.Vocabulary;

/// <summary>Reads the taxonomy codes a list is filtered by, the same way in every service.</summary>
public static class TaxonomyFilter
{
    /// <summary>
    /// The codes given (blank ones dropped, each once); every unknown one is reported under
    /// <paramref name="parameter"/>, so a filter by a misspelt code is a 400, never an empty list.
    /// </summary>
    public static IReadOnlyList<string> Read(
        IReadOnlyList<string>? codes, string parameter, string noun, Func<string, bool> isKnown, IDictionary<string, string[]> errors)
    {
        var given = (codes ?? []).Where(code => !string.IsNullOrEmpty(code)).Distinct(StringComparer.Ordinal).ToList();
        var unknown = given.Where(code => !isKnown(code)).ToList();
        if (unknown.Count > 0)
        {
            errors[parameter] = unknown.Select(code => $"'{code}' is not a {noun} of the taxonomy.").ToArray();
        }

        return given;
    }
}
