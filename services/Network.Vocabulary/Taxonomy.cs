namespace Network.Vocabulary;

/// <summary>A code of the taxonomy with its German and English label.</summary>
public sealed record TaxonomyTerm(string Code, string De, string En);

/// <summary>A language: its code (ISO 639-1, or 639-3 where there is no 639-1 code), labels, and its own name.</summary>
public sealed record Language(string Code, string De, string En, string Endonym);

/// <summary>Where an organisation works: a city with its districts, or one of the places without a map (online, nationwide).</summary>
public sealed record Region(string Code, string De, string En, IReadOnlyList<TaxonomyTerm> Districts);

/// <summary>
/// The shared vocabulary of the platform (shared/DESIGN.md, Vocabulary): topics, regions, languages
/// and target groups. Organisations, listings and events are described with these codes only, so a
/// filter finds everything it should; the labels are what people read. The codes are stable: a
/// renamed label keeps its code, a new term gets a new one.
/// </summary>
public static class Taxonomy
{
    /// <summary>Not a place: organisations that work online, wherever their people are.</summary>
    public const string Online = "online";

    /// <summary>Organisations that work across Germany.</summary>
    public const string Nationwide = "nationwide";

    public static readonly IReadOnlyList<TaxonomyTerm> Topics =
    [
        new("anti_discrimination", "Antidiskriminierung", "Anti-discrimination"),
        new("empowerment", "Empowerment", "Empowerment"),
        new("health", "Gesundheit", "Health"),
        new("child_and_youth_welfare", "Kinder- und Jugendhilfe", "Child and youth welfare"),
        new("citizen_services", "Bürgerdienste", "Citizen services"),
        new("career_guidance", "Berufsorientierung und Berufsberatung", "Career guidance"),
        new("employment", "Arbeit und Beschäftigung", "Employment"),
        new("migration_law", "Migrationsrecht", "Migration law"),
        new("education", "Bildung", "Education"),
        new("language_mediation", "Sprachmittlung", "Language mediation"),
        new("housing", "Wohnen", "Housing"),
        new("culture_and_storytelling", "Kultur und Storytelling", "Culture and storytelling"),
        new("diversity_in_personnel", "Diversität im Personal (interkulturelle Öffnung)", "Diversity in personnel (intercultural opening)"),
        new("accessibility_and_plain_language", "Barrierefreiheit und Einfache Sprache", "Accessibility and plain language"),
        new("counselling", "Beratung", "Counselling"),
        new("gender_equality", "Gleichstellung der Geschlechter", "Gender equality"),
        new("lgbti", "LSBTI*", "LGBTI"),
        new("older_people", "Ältere Menschen", "Older people"),
        new("disability", "Behinderung", "Disability"),
    ];

    public static readonly IReadOnlyList<Region> Regions =
    [
        new("berlin", "Berlin", "Berlin",
        [
            new("berlin_mitte", "Mitte", "Mitte"),
            new("berlin_friedrichshain_kreuzberg", "Friedrichshain-Kreuzberg", "Friedrichshain-Kreuzberg"),
            new("berlin_pankow", "Pankow", "Pankow"),
            new("berlin_charlottenburg_wilmersdorf", "Charlottenburg-Wilmersdorf", "Charlottenburg-Wilmersdorf"),
            new("berlin_spandau", "Spandau", "Spandau"),
            new("berlin_steglitz_zehlendorf", "Steglitz-Zehlendorf", "Steglitz-Zehlendorf"),
            new("berlin_tempelhof_schoeneberg", "Tempelhof-Schöneberg", "Tempelhof-Schöneberg"),
            new("berlin_neukoelln", "Neukölln", "Neukölln"),
            new("berlin_treptow_koepenick", "Treptow-Köpenick", "Treptow-Köpenick"),
            new("berlin_marzahn_hellersdorf", "Marzahn-Hellersdorf", "Marzahn-Hellersdorf"),
            new("berlin_lichtenberg", "Lichtenberg", "Lichtenberg"),
            new("berlin_reinickendorf", "Reinickendorf", "Reinickendorf"),
        ]),
        new("koeln", "Köln", "Cologne",
        [
            new("koeln_innenstadt", "Innenstadt", "Innenstadt (city centre)"),
            new("koeln_rodenkirchen", "Rodenkirchen", "Rodenkirchen"),
            new("koeln_lindenthal", "Lindenthal", "Lindenthal"),
            new("koeln_ehrenfeld", "Ehrenfeld", "Ehrenfeld"),
            new("koeln_nippes", "Nippes", "Nippes"),
            new("koeln_chorweiler", "Chorweiler", "Chorweiler"),
            new("koeln_porz", "Porz", "Porz"),
            new("koeln_kalk", "Kalk", "Kalk"),
            new("koeln_muelheim", "Mülheim", "Mülheim"),
        ]),
        // Dessau-Roßlau's many small Stadtbezirke are left out until someone there needs them.
        new("dessau_rosslau", "Dessau-Roßlau", "Dessau-Roßlau", []),
        new(Online, "Online", "Online", []),
        new(Nationwide, "Bundesweit", "Nationwide", []),
    ];

    public static readonly IReadOnlyList<Language> Languages =
    [
        new("de", "Deutsch", "German", "Deutsch"),
        new("en", "Englisch", "English", "English"),
        new("ar", "Arabisch", "Arabic", "العربية"),
        new("tr", "Türkisch", "Turkish", "Türkçe"),
        new("vi", "Vietnamesisch", "Vietnamese", "Tiếng Việt"),
        new("uk", "Ukrainisch", "Ukrainian", "Українська"),
        new("ru", "Russisch", "Russian", "Русский"),
        new("pl", "Polnisch", "Polish", "Polski"),
        new("fa", "Persisch (Farsi)", "Persian (Farsi)", "فارسی"),
        new("prs", "Dari", "Dari", "دری"),
        new("ps", "Paschtu", "Pashto", "پښتو"),
        new("ku", "Kurdisch (Kurmandschi)", "Kurdish (Kurmanji)", "Kurdî"),
        new("ckb", "Kurdisch (Sorani)", "Kurdish (Sorani)", "کوردی"),
        new("ti", "Tigrinya", "Tigrinya", "ትግርኛ"),
        new("am", "Amharisch", "Amharic", "አማርኛ"),
        new("so", "Somali", "Somali", "Soomaali"),
        new("ro", "Rumänisch", "Romanian", "Română"),
        new("bg", "Bulgarisch", "Bulgarian", "Български"),
        new("sq", "Albanisch", "Albanian", "Shqip"),
        new("sr", "Serbisch", "Serbian", "Српски"),
        new("bs", "Bosnisch", "Bosnian", "Bosanski"),
        new("hr", "Kroatisch", "Croatian", "Hrvatski"),
        new("rom", "Romanes", "Romani", "Romani čhib"),
        new("el", "Griechisch", "Greek", "Ελληνικά"),
        new("fr", "Französisch", "French", "Français"),
        new("es", "Spanisch", "Spanish", "Español"),
        new("pt", "Portugiesisch", "Portuguese", "Português"),
        new("it", "Italienisch", "Italian", "Italiano"),
        new("ur", "Urdu", "Urdu", "اردو"),
        new("hi", "Hindi", "Hindi", "हिन्दी"),
        new("bn", "Bengalisch", "Bengali", "বাংলা"),
        new("zh", "Chinesisch", "Chinese", "中文"),
        new("ka", "Georgisch", "Georgian", "ქართული"),
        new("hy", "Armenisch", "Armenian", "Հայերեն"),
        new("gsg", "Deutsche Gebärdensprache", "German Sign Language", "Deutsche Gebärdensprache"),
    ];

    public static readonly IReadOnlyList<TaxonomyTerm> TargetGroups =
    [
        new("third_country_nationals", "Drittstaatsangehörige", "Third-country nationals"),
        new("refugees", "Geflüchtete", "Refugees"),
        new("newcomers", "Neuzugewanderte", "Newcomers"),
        new("eu_citizens", "EU-Bürger*innen", "EU citizens"),
        new("children", "Kinder", "Children"),
        new("young_people", "Junge Menschen", "Young people"),
        new("families", "Familien", "Families"),
        new("women", "Frauen", "Women"),
        new("older_migrants", "Ältere Migrant*innen", "Older migrants"),
        new("lgbti_people", "LSBTI*-Personen", "LGBTI people"),
        new("people_with_disabilities", "Menschen mit Behinderung", "People with disabilities"),
        new("job_seekers", "Arbeitsuchende", "Job seekers"),
        new("migrant_organisations", "Migrant*innenselbstorganisationen", "Migrant self-organisations"),
        new("social_service_staff", "Fachkräfte sozialer Dienste", "Staff of social services"),
        new("administration_staff", "Mitarbeitende von Verwaltungen", "Staff of administrations"),
    ];

    private static readonly HashSet<string> TopicCodes = Topics.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> LanguageCodes = Languages.Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> TargetGroupCodes = TargetGroups.Select(t => t.Code).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every region code, cities and districts alike, with the city a district belongs to (or null).</summary>
    private static readonly Dictionary<string, string?> CityOfRegion = Regions
        .SelectMany(city => city.Districts.Select(d => KeyValuePair.Create(d.Code, (string?)city.Code)).Prepend(KeyValuePair.Create(city.Code, (string?)null)))
        .ToDictionary(StringComparer.Ordinal);

    public static bool IsTopic(string code) => TopicCodes.Contains(code);

    public static bool IsRegion(string code) => CityOfRegion.ContainsKey(code);

    public static bool IsLanguage(string code) => LanguageCodes.Contains(code);

    public static bool IsTargetGroup(string code) => TargetGroupCodes.Contains(code);

    /// <summary>The city a district belongs to; null for a city, online, nationwide or an unknown code.</summary>
    public static string? CityOf(string regionCode) => CityOfRegion.GetValueOrDefault(regionCode);

    /// <summary>
    /// The labels of an organisation's codes in German and English (and languages by their own
    /// names), for full-text search: someone looking for "Vietnamesisch", "Lichtenberg" or "health"
    /// finds organisations that chose those codes, whatever their description says.
    /// </summary>
    public static string SearchText(IEnumerable<string> regions, IEnumerable<string> topics, IEnumerable<string> languages, IEnumerable<string> targetGroups)
    {
        var labels = new List<string>();
        foreach (var code in regions)
        {
            var district = Regions.SelectMany(r => r.Districts).FirstOrDefault(d => d.Code == code);
            var city = Regions.FirstOrDefault(r => r.Code == (CityOf(code) ?? code));
            if (district is not null)
            {
                labels.Add(district.De);
                labels.Add(district.En);
            }

            if (city is not null)
            {
                labels.Add(city.De);
                labels.Add(city.En);
            }
        }

        labels.AddRange(Topics.Where(t => topics.Contains(t.Code)).SelectMany(t => new[] { t.De, t.En }));
        labels.AddRange(Languages.Where(l => languages.Contains(l.Code)).SelectMany(l => new[] { l.De, l.En, l.Endonym }));
        labels.AddRange(TargetGroups.Where(t => targetGroups.Contains(t.Code)).SelectMany(t => new[] { t.De, t.En }));
        return string.Join(" · ", labels.Distinct(StringComparer.Ordinal));
    }

    /// <summary>
    /// The region codes an organisation may carry to be found by a search for <paramref name="regionCode"/>.
    /// A search for a place should find who works there: for a city, the city and all its districts;
    /// for a district, the district and the organisations that work across its whole city. Nationwide
    /// and online organisations reach people anywhere, so a search for a place finds them too. A search
    /// for `online` or `nationwide` itself finds only those.
    /// </summary>
    public static IReadOnlyList<string> RegionsMatching(string regionCode)
    {
        if (!IsRegion(regionCode))
        {
            return [];
        }

        if (regionCode is Online or Nationwide)
        {
            return [regionCode];
        }

        var city = Regions.FirstOrDefault(r => r.Code == regionCode);
        if (city is not null)
        {
            return [city.Code, .. city.Districts.Select(d => d.Code), Online, Nationwide];
        }

        return [regionCode, CityOf(regionCode)!, Online, Nationwide];
    }
}
