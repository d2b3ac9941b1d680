using System.Collections.Frozen;
using Network.Vocabulary;

namespace Network.Matching.Domain;

/// <summary>
/// Codes of one taxonomy list as bits, one per code in the list's order: comparing two listings'
/// codes is then an AND and a bit count instead of two set lookups per code, which is what lets
/// <see cref="MatchScoring.CodeScore"/> run over every listing of a big city in about a millisecond.
/// </summary>
public readonly record struct CodeSet(UInt128 Bits)
{
    /// <summary>The most codes one taxonomy list may have; <see cref="CodeNumbering"/> refuses more.</summary>
    public const int Capacity = 128;

    public int Count => (int)UInt128.PopCount(Bits);

    public bool IsEmpty => Bits == UInt128.Zero;

    public bool Overlaps(CodeSet other) => (Bits & other.Bits) != UInt128.Zero;

    public int SharedWith(CodeSet other) => (int)UInt128.PopCount(Bits & other.Bits);
}

/// <summary>The position of each code of one taxonomy list, as <see cref="CodeSet"/> numbers them.</summary>
public sealed class CodeNumbering
{
    private readonly FrozenDictionary<string, int> positions;

    public CodeNumbering(string listName, IEnumerable<string> codes)
    {
        var list = codes.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > CodeSet.Capacity)
        {
            // A taxonomy that outgrows the bits must widen CodeSet, not lose codes silently.
            throw new InvalidOperationException($"The taxonomy's {listName} have {list.Count} codes; CodeSet holds {CodeSet.Capacity}.");
        }

        positions = list.Select((code, position) => KeyValuePair.Create(code, position)).ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The known codes among <paramref name="codes"/>; unknown ones are left out, as the ranking ignores them.</summary>
    public CodeSet Of(IEnumerable<string> codes)
    {
        var bits = UInt128.Zero;
        foreach (var code in codes)
        {
            if (positions.TryGetValue(code, out var position))
            {
                bits |= UInt128.One << position;
            }
        }

        return new CodeSet(bits);
    }
}

/// <summary>
/// What the ranking compares of a listing apart from its words: its known codes, with its places
/// split the way <see cref="MatchScoring"/> weighs them (districts, the cities they lie in, online or
/// nationwide).
/// </summary>
public readonly record struct ListingCodes(
    CodeSet Topics,
    CodeSet Districts,
    CodeSet Cities,
    bool Online,
    bool Nationwide,
    CodeSet Languages,
    CodeSet TargetGroups)
{
    private static readonly CodeNumbering TopicNumbers = new("topics", Taxonomy.Topics.Select(t => t.Code));

    // Cities and districts share one numbering, so a district's city is a bit of the same kind.
    private static readonly CodeNumbering RegionNumbers = new(
        "regions", Taxonomy.Regions.SelectMany(city => city.Districts.Select(d => d.Code).Prepend(city.Code)));

    private static readonly CodeNumbering LanguageNumbers = new("languages", Taxonomy.Languages.Select(l => l.Code));
    private static readonly CodeNumbering TargetGroupNumbers = new("target groups", Taxonomy.TargetGroups.Select(t => t.Code));

    /// <summary>Whether every place fits the listing, because it works online or nationwide.</summary>
    public bool Everywhere => Online || Nationwide;

    public static ListingCodes Of(ListingProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return Of(profile.Topics, profile.Regions, profile.Languages, profile.TargetGroups);
    }

    public static ListingCodes Of(IEnumerable<string> topics, IEnumerable<string> regions, IEnumerable<string> languages, IEnumerable<string> targetGroups)
    {
        var known = regions.Where(Taxonomy.IsRegion).ToList();
        var places = known.Where(r => r is not (Taxonomy.Online or Taxonomy.Nationwide)).ToList();
        return new ListingCodes(
            TopicNumbers.Of(topics),
            RegionNumbers.Of(places.Where(r => Taxonomy.CityOf(r) is not null)),
            RegionNumbers.Of(places.Select(r => Taxonomy.CityOf(r) ?? r)),
            known.Contains(Taxonomy.Online),
            known.Contains(Taxonomy.Nationwide),
            LanguageNumbers.Of(languages),
            TargetGroupNumbers.Of(targetGroups));
    }
}
