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

    /// <summary>How many codes one list on a profile or listing may hold.</summary>
    public const int MaximumCodes = 100;

    /// <summary>
    /// The codes chosen for a profile or listing: at least one when <paramref name="required"/>, at
    /// most <see cref="MaximumCodes"/>, all known; faults go under <paramref name="field"/> and give
    /// an empty list.
    /// </summary>
    public static IReadOnlyList<string> ReadChosen(
        IReadOnlyList<string>? codes, string field, string noun, Func<string, bool> isKnown, bool required, IDictionary<string, string[]> errors)
    {
        if (codes is null || codes.Count == 0)
        {
            if (required)
            {
                errors[field] = [$"Choose at least one {noun} from the taxonomy (GET /api/directory/taxonomy)."];
            }

            return [];
        }

        if (codes.Count > MaximumCodes)
        {
            errors[field] = [$"At most {MaximumCodes} codes."];
            return [];
        }

        var unknown = codes.Where(code => code is null || !isKnown(code)).Select(code => code ?? "null").Distinct().ToList();
        if (unknown.Count > 0)
        {
            errors[field] = unknown.Select(code => $"'{code}' is not a {noun} of the taxonomy.").ToArray();
            return [];
        }

        return codes.Distinct(StringComparer.Ordinal).ToList();
    }
}
