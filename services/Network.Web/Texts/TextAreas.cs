namespace Network.Web.Texts;

/// <summary>
/// The texts of one language come in areas (one file each, `GermanTexts.Events.cs` and so on), so
/// the pages of one area and their words can be read, and changed, together.
/// </summary>
public static class TextAreas
{
    public static IReadOnlyDictionary<string, string> Merge(params Dictionary<string, string>[] areas)
    {
        var all = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var area in areas)
        {
            foreach (var (key, text) in area)
            {
                if (!all.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The text '{key}' is defined twice.");
                }
            }
        }

        return all;
    }
}
