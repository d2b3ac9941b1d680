using System.Globalization;
using System.Text;

namespace Network.ServiceDefaults.Http;

/// <summary>How every service reads a free-text search box.</summary>
public static class SearchText
{
    /// <summary>
    /// The words of a search text: runs of letters and digits, everything else a separator,
    /// lower-cased, each once, at most <paramref name="maximumWords"/>. Only such words reach
    /// PostgreSQL's query parser, so no search text can be read as its syntax.
    /// </summary>
    public static IReadOnlyList<string> Words(string? query, int maximumWords)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            return [];
        }

        var words = new List<string>();
        var current = new StringBuilder();
        foreach (var rune in query.EnumerateRunes())
        {
            if (IsWordCharacter(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words.Distinct(StringComparer.Ordinal).Take(maximumWords).ToList();
    }

    /// <summary>Letters, digits and combining marks: Vietnamese tones and Devanagari vowel signs belong to their word.</summary>
    private static bool IsWordCharacter(Rune rune) =>
        Rune.IsLetterOrDigit(rune)
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
}
