using System.Text;
using Network.Matching.Domain;

namespace Network.Matching.Benchmark;

/// <summary>An organisation of the matching service's read model, as the benchmark loads it.</summary>
internal sealed record SyntheticOrganisation(
    Guid Id,
    string Name,
    string Kind,
    OrganisationStatus Status,
    Region HomeCity,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Topics,
    IReadOnlyList<string> Languages,
    IReadOnlyList<string> TargetGroups,
    DateTime? LastActiveAt);

/// <summary>A row of `listings` as the benchmark loads it.</summary>
internal sealed record SyntheticListing(
    Guid Id,
    Guid OrganisationId,
    ListingKind Kind,
    ListingContent Content,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    DateTime? WithdrawnAt,
    DateTime? HiddenAt,
    string? HiddenReason);

/// <summary>Where a listing works, as the suggestion scenarios tell them apart.</summary>
internal enum RegionStyle
{
    District,
    City,
    Everywhere,
}

/// <summary>
/// Listings and organisations with the spread of a real directory, from one seed, so two runs load the
/// same data: offers and requests about half each; 1–3 topics, 1–3 languages and 0–2 target groups, a
/// few of each common and the rest rare; mostly one or two Berlin or Köln districts, some a whole
/// city, about a tenth online or nationwide; German or English text; some withdrawn, hidden or expired.
/// </summary>
internal sealed class SyntheticListings
{
    private const double EverywhereShare = 0.10;
    private const double CityShare = 0.12;
    private const double WithdrawnShare = 0.07;
    private const double HiddenShare = 0.015;
    private const double UnverifiedShare = 0.05;
    private const double EnglishShare = 0.3;

    private static readonly TimeSpan History = TimeSpan.FromDays(540);

    // Most used first: the order a Zipf draw favours.
    private static readonly string[] TopicsByUse =
    [
        "counselling", "education", "language_mediation", "empowerment", "health", "child_and_youth_welfare", "employment",
        "career_guidance", "anti_discrimination", "migration_law", "housing", "culture_and_storytelling", "citizen_services",
        "gender_equality", "accessibility_and_plain_language", "older_people", "diversity_in_personnel", "disability", "lgbti",
    ];

    private static readonly string[] OtherLanguagesByUse =
    [
        "en", "ar", "tr", "uk", "ru", "fa", "vi", "pl", "ku", "prs", "ro", "bg", "fr", "es", "ti", "so", "sq", "sr", "ps", "ckb",
        "it", "pt", "el", "bs", "hr", "rom", "ur", "zh", "am", "hi", "bn", "ka", "hy", "gsg",
    ];

    private static readonly string[] TargetGroupsByUse =
    [
        "refugees", "families", "newcomers", "young_people", "women", "children", "job_seekers", "third_country_nationals",
        "migrant_organisations", "social_service_staff", "eu_citizens", "older_migrants", "people_with_disabilities",
        "lgbti_people", "administration_staff",
    ];

    private static readonly string[] Syllables =
    [
        "ka", "lo", "mi", "ne", "ru", "sa", "ti", "vo", "ze", "ba", "di", "fu", "ga", "he", "ju", "ko", "la", "mo", "nu", "pi",
    ];

    private static readonly Region[] Cities = [.. Taxonomy.Regions.Where(r => r.Code is "berlin" or "koeln" or "dessau_rosslau")];
    private static readonly Region[] CitiesWithDistricts = [.. Cities.Where(c => c.Districts.Count > 0)];

    private readonly Random random;
    private readonly DateTime now;
    private readonly Zipf topics = new(TopicsByUse.Length, 0.8);
    private readonly Zipf otherLanguages = new(OtherLanguagesByUse.Length, 1.1);
    private readonly Zipf targetGroups = new(TargetGroupsByUse.Length, 0.7);
    private readonly Zipf germanActivities = new(Phrasebook.German.Activities.Count, 1.0);
    private readonly Zipf englishActivities = new(Phrasebook.English.Activities.Count, 1.0);

    public SyntheticListings(int seed, DateTimeOffset now)
    {
        random = new Random(seed);
        this.now = now.UtcDateTime;
        var names = new HashSet<string>(StringComparer.Ordinal);
        while (names.Count < 1500)
        {
            names.Add(ProjectName());
        }

        ProjectNames = [.. names];
    }

    /// <summary>
    /// Made-up project names: each appears in a few dozen listings, the rare words of the full-text
    /// scenarios. Made up, so no stemmer or stop word list knows them.
    /// </summary>
    public IReadOnlyList<string> ProjectNames { get; }

    /// <summary><paramref name="verified"/> verified organisations and about 5% more pending, suspended or rejected.</summary>
    public IReadOnlyList<SyntheticOrganisation> Organisations(int verified)
    {
        var unverified = (int)Math.Round(verified * UnverifiedShare);
        var organisations = new List<SyntheticOrganisation>(verified + unverified);
        for (var i = 0; i < verified + unverified; i++)
        {
            var roll = random.NextDouble();
            var home = roll < 0.58 ? Cities[0] : roll < 0.95 ? Cities[1] : Cities[2];
            var status = i < verified ? OrganisationStatus.Verified : Pick([OrganisationStatus.Pending, OrganisationStatus.Suspended, OrganisationStatus.Rejected]);
            organisations.Add(new SyntheticOrganisation(
                Guid.CreateVersion7(now - History * random.NextDouble()),
                $"{Pick(["Initiative", "Verein", "Netzwerk", "Zentrum", "Haus"])} {Pick(ProjectNames)} e. V.",
                Pick(["mso", "mso", "service_provider", "administration", "coordination"]),
                status,
                home,
                home.Districts.Count == 0 ? [home.Code] : Distinct(1 + random.Next(3), () => Pick(home.Districts).Code),
                Topics(),
                Languages(),
                TargetGroups(),
                random.NextDouble() < 0.8 ? now - TimeSpan.FromDays(120 * random.NextDouble()) : null));
        }

        return organisations;
    }

    public SyntheticListing Listing(SyntheticOrganisation organisation)
    {
        // Skewed towards recent listings, as on a platform that grows.
        var createdAt = now - History * Math.Pow(random.NextDouble(), 1.6);
        DateTimeOffset? validUntil = null;
        var ending = random.NextDouble();
        if (ending < 0.38)
        {
            validUntil = now + TimeSpan.FromDays(7 + (358 * random.NextDouble()));
        }
        else if (ending < 0.50)
        {
            var endedAt = now - TimeSpan.FromDays(1 + (150 * random.NextDouble()));
            validUntil = endedAt;
            if (createdAt > endedAt - TimeSpan.FromDays(7))
            {
                createdAt = endedAt - TimeSpan.FromDays(14 + (166 * random.NextDouble()));
            }
        }

        var kind = random.NextDouble() < 0.5 ? ListingKind.Offer : ListingKind.Request;
        var regions = Regions(organisation.HomeCity, RegionStyleOf(random.NextDouble()));
        var content = Content(kind, regions, validUntil);
        var updatedAt = random.NextDouble() < 0.3 ? Between(createdAt, now) : createdAt;
        DateTime? withdrawnAt = random.NextDouble() < WithdrawnShare ? Between(createdAt, now) : null;
        DateTime? hiddenAt = random.NextDouble() < HiddenShare ? Between(createdAt, now) : null;
        updatedAt = new[] { updatedAt, withdrawnAt ?? createdAt, hiddenAt ?? createdAt }.Max();
        return new SyntheticListing(
            Guid.CreateVersion7(createdAt),
            organisation.Id,
            kind,
            content,
            createdAt,
            updatedAt,
            withdrawnAt,
            hiddenAt,
            hiddenAt is null ? null : Pick(["Werbung statt Kooperation", "Doppelt eingestellt", "Verstößt gegen die Regeln"]));
    }

    /// <summary>A listing about to be published, as the ranking reads it (SuggestionStore.ProfileOf): not in the database.</summary>
    public ListingProfile NewProfile(SyntheticOrganisation organisation, ListingKind kind, RegionStyle style)
    {
        var city = CitiesWithDistricts[random.Next(CitiesWithDistricts.Length)];
        var content = Content(kind, Regions(city, style), null);
        return new ListingProfile
        {
            ListingId = Guid.CreateVersion7(),
            OrganisationId = organisation.Id,
            Kind = kind,
            Topics = content.Topics,
            Regions = content.Regions,
            Languages = content.Languages,
            TargetGroups = content.TargetGroups,
            Title = content.Title,
            Description = content.Description,
            OrganisationVerified = true,
        };
    }

    public string Topic() => TopicsByUse[topics.Next(random)];

    public string OtherLanguage() => OtherLanguagesByUse[otherLanguages.Next(random)];

    public string TargetGroup() => TargetGroupsByUse[targetGroups.Next(random)];

    /// <summary>An activity word of the given Zipf rank band (0 = most used), for search texts.</summary>
    public string ActivityWord(Phrasebook book, int fromRank, int toRank) =>
        book.Activities[fromRank + random.Next(toRank - fromRank)].Split(' ')[^1];

    public T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public double NextDouble() => random.NextDouble();

    public int Next(int maxValue) => random.Next(maxValue);

    private RegionStyle RegionStyleOf(double roll) =>
        roll < EverywhereShare ? RegionStyle.Everywhere : roll < EverywhereShare + CityShare ? RegionStyle.City : RegionStyle.District;

    private IReadOnlyList<string> Regions(Region city, RegionStyle style) => style switch
    {
        RegionStyle.Everywhere => [random.NextDouble() < 0.6 ? Taxonomy.Online : Taxonomy.Nationwide],
        RegionStyle.District when city.Districts.Count > 0 => Distinct(random.NextDouble() < 0.7 ? 1 : 2, () => Pick(city.Districts).Code),
        _ => [city.Code],
    };

    private ListingContent Content(ListingKind kind, IReadOnlyList<string> regions, DateTimeOffset? validUntil)
    {
        var topicCodes = Topics();
        var languageCodes = Languages();
        var targetGroupCodes = TargetGroups();
        var english = random.NextDouble() < EnglishShare;
        var text = new TextContext(
            english ? Phrasebook.English : Phrasebook.German,
            english ? englishActivities : germanActivities,
            english,
            Pick(ProjectNames),
            regions,
            languageCodes,
            targetGroupCodes);
        var title = Fill(text, Pick(kind == ListingKind.Offer ? text.Book.OfferTitles : text.Book.RequestTitles));
        var sentences = kind == ListingKind.Offer ? text.Book.OfferSentences : text.Book.RequestSentences;
        var description = new StringBuilder();
        for (var i = 2 + random.Next(4); i > 0; i--)
        {
            description.Append(Fill(text, Pick(sentences))).Append(' ');
        }

        var format = regions.Contains(Taxonomy.Online) ? ListingFormat.Online
            : random.NextDouble() switch { < 0.6 => ListingFormat.InPerson, < 0.9 => ListingFormat.Hybrid, _ => ListingFormat.Online };
        return new ListingContent(
            char.ToUpperInvariant(title[0]) + title[1..],
            description.ToString().TrimEnd(),
            topicCodes,
            languageCodes,
            regions,
            targetGroupCodes,
            format,
            validUntil);
    }

    private IReadOnlyList<string> Topics() =>
        Distinct(random.NextDouble() switch { < 0.45 => 1, < 0.8 => 2, _ => 3 }, Topic);

    /// <summary>German in most listings, then a few others, most of them common ones.</summary>
    private IReadOnlyList<string> Languages()
    {
        var count = random.NextDouble() switch { < 0.5 => 1, < 0.85 => 2, _ => 3 };
        var languages = new List<string>(count);
        if (random.NextDouble() < 0.85)
        {
            languages.Add("de");
        }

        while (languages.Count < count)
        {
            var language = OtherLanguage();
            if (!languages.Contains(language))
            {
                languages.Add(language);
            }
        }

        return languages;
    }

    private IReadOnlyList<string> TargetGroups() =>
        Distinct(random.NextDouble() switch { < 0.3 => 0, < 0.75 => 1, _ => 2 }, TargetGroup);

    private List<string> Distinct(int count, Func<string> draw)
    {
        var codes = new List<string>(count);
        while (codes.Count < count)
        {
            var code = draw();
            if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return codes;
    }

    private DateTime Between(DateTime from, DateTime to) => from + ((to - from) * random.NextDouble());

    private string ProjectName()
    {
        var name = new StringBuilder();
        for (var i = 0; i < 3; i++)
        {
            name.Append(Pick(Syllables));
        }

        name.Append(Pick(["", "n", "r", "s"]));
        name[0] = char.ToUpperInvariant(name[0]);
        return name.ToString();
    }

    /// <summary>Fills each {gap} of <paramref name="template"/> with a fresh draw.</summary>
    private string Fill(TextContext text, string template)
    {
        var result = new StringBuilder(template.Length * 2);
        var position = 0;
        while (position < template.Length)
        {
            var open = template.IndexOf('{', position);
            if (open < 0)
            {
                result.Append(template, position, template.Length - position);
                break;
            }

            var close = template.IndexOf('}', open);
            result.Append(template, position, open - position).Append(Gap(text, template[(open + 1)..close]));
            position = close + 1;
        }

        return result.ToString();
    }

    private string Gap(TextContext text, string gap) => gap switch
    {
        "activity" => text.Book.Activities[text.Activities.Next(random)],
        "adjective" => Pick(text.Book.Adjectives),
        "partner" => Pick(text.Book.Partners),
        "time" => Pick(text.Book.Times),
        "project" => text.Project,
        "year" => (2005 + random.Next(20)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        "group" => text.TargetGroups.Count > 0 ? GroupLabel(text, Pick(text.TargetGroups)) : Pick(text.Book.Groups),
        "place" => Place(text, Pick(text.Regions)),
        "language" => LanguageLabel(text),
        _ => throw new InvalidOperationException($"No words for the gap {{{gap}}}."),
    };

    private static string Place(TextContext text, string region)
    {
        if (region == Taxonomy.Online)
        {
            return text.Book.Online;
        }

        if (region == Taxonomy.Nationwide)
        {
            return text.Book.Nationwide;
        }

        var term = Taxonomy.Regions.SelectMany(r => r.Districts).FirstOrDefault(d => d.Code == region)
            ?? Taxonomy.Regions.Select(r => new TaxonomyTerm(r.Code, r.De, r.En)).First(r => r.Code == region);
        return Label(term, text.English);
    }

    private static string GroupLabel(TextContext text, string code) => Label(Taxonomy.TargetGroups.First(t => t.Code == code), text.English);

    private string LanguageLabel(TextContext text)
    {
        var others = text.Languages.Where(l => l != "de").ToList();
        var code = others.Count > 0 ? Pick(others) : "de";
        var language = Taxonomy.Languages.First(l => l.Code == code);
        return text.English ? language.En : language.De;
    }

    private static string Label(TaxonomyTerm term, bool english) => english ? term.En : term.De;

    private sealed record TextContext(
        Phrasebook Book,
        Zipf Activities,
        bool English,
        string Project,
        IReadOnlyList<string> Regions,
        IReadOnlyList<string> Languages,
        IReadOnlyList<string> TargetGroups);

    /// <summary>Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s.</summary>
    private sealed class Zipf
    {
        private readonly double[] cumulative;

        public Zipf(int n, double s)
        {
            cumulative = new double[n];
            var sum = 0.0;
            for (var rank = 0; rank < n; rank++)
            {
                sum += 1 / Math.Pow(rank + 1, s);
                cumulative[rank] = sum;
            }

            for (var rank = 0; rank < n; rank++)
            {
                cumulative[rank] /= sum;
            }
        }

        public int Next(Random random)
        {
            var index = Array.BinarySearch(cumulative, random.NextDouble());
            return Math.Min(index < 0 ? ~index : index, cumulative.Length - 1);
        }
    }
}
