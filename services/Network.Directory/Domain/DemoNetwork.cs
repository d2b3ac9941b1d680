using System.Globalization;
using System.Text;

namespace Network.Directory.Domain;

/// <summary>A generated organisation and the status it starts in.</summary>
public sealed record DemoOrganisation(OrganisationProfile Profile, OrganisationStatus Status);

/// <summary>
/// A fictional but plausible network: migrant self-organisations, service providers,
/// administrations and coordination offices across Berlin's twelve districts, Köln's nine and
/// Dessau-Roßlau, speaking the languages of the communities they serve. All names, addresses,
/// phone numbers and people are made up; web and mail addresses use the reserved `.example`
/// domain. The same seed always gives the same network, so a demo and a measurement can be
/// repeated; the first <see cref="ShowcaseSize"/> cover every place and kind and include some
/// pending organisations, and any number more can be made for load measurements.
/// </summary>
public static class DemoNetwork
{
    public const int DefaultSeed = 20_250_408;

    /// <summary>What `make up` loads: every place at least twice, every kind, some pending.</summary>
    public const int ShowcaseSize = 48;

    private sealed record Place(string Region, string Label, string City, string PhonePrefix, string[] Postcodes);

    private sealed record Community(string Adjective, string[] Languages, string People);

    private enum Gender
    {
        Masculine,
        Neuter,
        Feminine,
    }

    private sealed record MsoForm(string Noun, Gender Gender, bool Registered, string[] Topics, string[] TargetGroups);

    private sealed record Service(string Name, string[] Topics, string[] TargetGroups, string What, string? OnlyInCity = null);

    private static readonly Place[] Places =
    [
        new("berlin_mitte", "Berlin-Mitte", "Berlin", "30", ["10115", "10551", "13353"]),
        new("berlin_friedrichshain_kreuzberg", "Friedrichshain-Kreuzberg", "Berlin", "30", ["10243", "10997", "10961"]),
        new("berlin_pankow", "Pankow", "Berlin", "30", ["13187", "10405", "13086"]),
        new("berlin_charlottenburg_wilmersdorf", "Charlottenburg-Wilmersdorf", "Berlin", "30", ["10585", "10713", "14057"]),
        new("berlin_spandau", "Spandau", "Berlin", "30", ["13597", "13583", "13591"]),
        new("berlin_steglitz_zehlendorf", "Steglitz-Zehlendorf", "Berlin", "30", ["12163", "14163", "12203"]),
        new("berlin_tempelhof_schoeneberg", "Tempelhof-Schöneberg", "Berlin", "30", ["10827", "12099", "12105"]),
        new("berlin_neukoelln", "Neukölln", "Berlin", "30", ["12043", "12055", "12051"]),
        new("berlin_treptow_koepenick", "Treptow-Köpenick", "Berlin", "30", ["12435", "12555", "12487"]),
        new("berlin_marzahn_hellersdorf", "Marzahn-Hellersdorf", "Berlin", "30", ["12679", "12627", "12619"]),
        new("berlin_lichtenberg", "Lichtenberg", "Berlin", "30", ["10365", "13055", "10315"]),
        new("berlin_reinickendorf", "Reinickendorf", "Berlin", "30", ["13403", "13435", "13407"]),
        new("koeln_innenstadt", "Köln-Innenstadt", "Köln", "221", ["50667", "50676", "50672"]),
        new("koeln_rodenkirchen", "Köln-Rodenkirchen", "Köln", "221", ["50996", "50968"]),
        new("koeln_lindenthal", "Köln-Lindenthal", "Köln", "221", ["50931", "50935"]),
        new("koeln_ehrenfeld", "Köln-Ehrenfeld", "Köln", "221", ["50823", "50825"]),
        new("koeln_nippes", "Köln-Nippes", "Köln", "221", ["50733", "50735"]),
        new("koeln_chorweiler", "Köln-Chorweiler", "Köln", "221", ["50765", "50769"]),
        new("koeln_porz", "Köln-Porz", "Köln", "221", ["51143", "51149"]),
        new("koeln_kalk", "Köln-Kalk", "Köln", "221", ["51103", "51105"]),
        new("koeln_muelheim", "Köln-Mülheim", "Köln", "221", ["51063", "51065"]),
        new("dessau_rosslau", "Dessau-Roßlau", "Dessau-Roßlau", "340", ["06844", "06846", "06862"]),
    ];

    private static readonly Community[] Communities =
    [
        new("Vietnamesisch", ["vi"], "vietnamesischen Familien"),
        new("Arabisch", ["ar"], "arabischsprachigen Familien"),
        new("Türkisch", ["tr"], "türkeistämmigen Menschen"),
        new("Ukrainisch", ["uk", "ru"], "Geflüchteten aus der Ukraine"),
        new("Afghanisch", ["fa", "prs", "ps"], "afghanischen Familien"),
        new("Iranisch", ["fa"], "Menschen aus dem Iran"),
        new("Eritreisch", ["ti"], "eritreischen Familien"),
        new("Polnisch", ["pl"], "polnischsprachigen Menschen"),
        new("Russischsprachig", ["ru"], "russischsprachigen Menschen"),
        new("Kurdisch", ["ku", "ckb"], "kurdischen Familien"),
        new("Somalisch", ["so"], "somalischen Familien"),
        new("Syrisch", ["ar", "ku"], "syrischen Familien"),
        new("Rumänisch", ["ro"], "rumänischsprachigen Menschen"),
        new("Bulgarisch", ["bg", "tr"], "Menschen aus Bulgarien"),
        new("Albanisch", ["sq"], "albanischsprachigen Familien"),
        new("Äthiopisch", ["am", "ti"], "äthiopischen Familien"),
        new("Bosnisch", ["bs", "hr", "sr"], "Menschen aus dem ehemaligen Jugoslawien"),
        new("Griechisch", ["el"], "griechischen Familien"),
        new("Lateinamerikanisch", ["es", "pt"], "Menschen aus Lateinamerika"),
        new("Westafrikanisch", ["fr", "en"], "Menschen aus Westafrika"),
        new("Pakistanisch", ["ur"], "pakistanischen Familien"),
        new("Georgisch", ["ka"], "georgischen Familien"),
        new("Armenisch", ["hy"], "armenischen Familien"),
        new("Chinesisch", ["zh"], "chinesischsprachigen Familien"),
    ];

    private static readonly MsoForm[] MsoForms =
    [
        new("Elternverein", Gender.Masculine, true, ["child_and_youth_welfare", "education", "language_mediation"], ["families", "children"]),
        new("Frauenverein", Gender.Masculine, true, ["gender_equality", "empowerment", "health"], ["women", "refugees"]),
        new("Kulturverein", Gender.Masculine, true, ["culture_and_storytelling", "education"], ["families", "young_people"]),
        new("Jugendverband", Gender.Masculine, true, ["child_and_youth_welfare", "empowerment", "career_guidance"], ["young_people"]),
        new("Familienzentrum", Gender.Neuter, true, ["child_and_youth_welfare", "counselling"], ["families", "children", "newcomers"]),
        new("Gesundheitsnetzwerk", Gender.Neuter, true, ["health", "language_mediation"], ["families", "older_migrants"]),
        new("Seniorennetzwerk", Gender.Neuter, false, ["older_people", "health"], ["older_migrants"]),
        new("Initiative", Gender.Feminine, false, ["anti_discrimination", "empowerment"], ["third_country_nationals", "young_people"]),
        new("Community", Gender.Feminine, true, ["empowerment", "culture_and_storytelling", "language_mediation"], ["third_country_nationals", "newcomers"]),
        new("Selbsthilfegruppe", Gender.Feminine, false, ["counselling", "health", "disability"], ["people_with_disabilities", "families"]),
        new("Beratungsstelle", Gender.Feminine, false, ["counselling", "migration_law", "housing"], ["refugees", "third_country_nationals"]),
        new("Bildungswerk", Gender.Neuter, true, ["education", "career_guidance", "employment"], ["job_seekers", "young_people"]),
        new("Sprachmittlungsnetzwerk", Gender.Neuter, true, ["language_mediation", "health", "citizen_services"], ["newcomers", "families"]),
    ];

    // Names are formats: {0} is the district (or the city where it has none), {1} the city.
    private static readonly Service[] ServiceProviders =
    [
        new("Gesundheitsamt {0}", ["health", "language_mediation"], ["families", "refugees"], "Wir beraten zu Impfungen, Schwangerschaft und Kindergesundheit"),
        new("Jugendamt {0}", ["child_and_youth_welfare", "counselling"], ["families", "children", "young_people"], "Wir unterstützen Familien, Kinder und Jugendliche"),
        new("Jugendmigrationsdienst {0}", ["child_and_youth_welfare", "career_guidance", "migration_law"], ["young_people", "newcomers"], "Wir begleiten junge Zugewanderte bis 27 Jahre in Schule, Ausbildung und Beruf"),
        new("Migrationsberatung für Erwachsene {0}", ["counselling", "migration_law", "employment"], ["third_country_nationals", "refugees"], "Wir beraten Zugewanderte zu Aufenthalt, Arbeit und Sprachkursen"),
        new("Kinder- und Jugendgesundheitsdienst {0}", ["health", "child_and_youth_welfare"], ["children", "families"], "Wir untersuchen Kinder vor der Einschulung und beraten Eltern"),
        new("Stadtteilzentrum {0}", ["education", "culture_and_storytelling", "older_people"], ["families", "older_migrants"], "Wir sind ein offener Treffpunkt mit Kursen, Beratung und Räumen für Initiativen"),
        new("Jobcenter {0}", ["employment", "career_guidance"], ["job_seekers", "third_country_nationals"], "Wir vermitteln Arbeit und Weiterbildung und sichern den Lebensunterhalt"),
        new("Jugendberufsagentur {0}", ["career_guidance", "employment", "education"], ["young_people"], "Wir beraten junge Menschen zu Ausbildung, Studium und Beruf"),
        new("Familienberatungsstelle {0}", ["counselling", "child_and_youth_welfare"], ["families", "women"], "Wir beraten Eltern in Erziehungs- und Lebensfragen"),
        new("Sozialpsychiatrischer Dienst {0}", ["health", "counselling"], ["refugees", "families"], "Wir helfen Menschen in seelischen Krisen"),
        new("Fachstelle Wohnungsnotfallhilfe {0}", ["housing", "counselling"], ["refugees", "families"], "Wir helfen bei drohendem Wohnungsverlust und bei der Wohnungssuche"),
        new("Volkshochschule {0}", ["education", "language_mediation", "accessibility_and_plain_language"], ["newcomers", "third_country_nationals"], "Wir bieten Sprach- und Integrationskurse, Alphabetisierung und Bildung für alle"),
        new("Antidiskriminierungsberatung {0}", ["anti_discrimination", "counselling", "migration_law"], ["third_country_nationals", "lgbti_people"], "Wir beraten Menschen, die Diskriminierung erlebt haben"),
        new("Pflegestützpunkt {0}", ["older_people", "health", "counselling"], ["older_migrants", "families"], "Wir beraten zu Pflege und Hilfen im Alter"),
        new("Teilhabeberatung {0}", ["disability", "accessibility_and_plain_language", "counselling"], ["people_with_disabilities", "families"], "Wir beraten Menschen mit Behinderung und ihre Angehörigen"),
        new("Queere Beratungsstelle {0}", ["lgbti", "counselling", "anti_discrimination"], ["lgbti_people", "refugees"], "Wir beraten queere Menschen, auch mit Fluchterfahrung"),
    ];

    private static readonly Service[] Administrations =
    [
        new("Bezirksamt {0}", ["citizen_services", "diversity_in_personnel"], ["administration_staff", "third_country_nationals"], "Wir arbeiten an unserer Diversity-Strategie und an bürgernahen Dienstleistungen", "Berlin"),
        new("Bürgeramt {0}", ["citizen_services", "accessibility_and_plain_language"], ["third_country_nationals", "newcomers"], "Wir sind für Meldeangelegenheiten, Ausweise und Bescheinigungen zuständig", "Berlin"),
        new("Beauftragte für Partizipation und Integration des Bezirks {0}", ["anti_discrimination", "diversity_in_personnel", "empowerment"], ["migrant_organisations", "administration_staff"], "Wir fördern die Teilhabe von Menschen mit Migrationsgeschichte im Bezirk", "Berlin"),
        new("Personalentwicklung im Bezirksamt {0}", ["diversity_in_personnel", "education"], ["administration_staff"], "Wir bilden Beschäftigte fort und gewinnen vielfältigen Nachwuchs für die Verwaltung", "Berlin"),
        new("Kundenzentrum {0}", ["citizen_services"], ["third_country_nationals", "eu_citizens"], "Wir bieten Bürgerdienste vom Meldewesen bis zum Führerschein", "Köln"),
        new("Ausländerbehörde der Stadt {1}", ["migration_law", "citizen_services"], ["third_country_nationals", "refugees"], "Wir entscheiden über Aufenthaltstitel und Einbürgerung und beraten dazu", "Köln"),
        new("Kommunales Integrationszentrum {1}", ["diversity_in_personnel", "education", "anti_discrimination"], ["migrant_organisations", "administration_staff"], "Wir unterstützen Schulen, Verwaltung und Vereine bei Integration und Vielfalt", "Köln"),
        new("Integrations- und Gleichstellungsbüro der Stadt {1}", ["diversity_in_personnel", "gender_equality", "anti_discrimination"], ["administration_staff", "migrant_organisations"], "Wir begleiten die interkulturelle Öffnung der Verwaltung, etwa mit der Weiterbildungsreihe „Vielfalts-Montag“", "Dessau-Roßlau"),
        new("Bürgerbüro der Stadt {1}", ["citizen_services", "accessibility_and_plain_language"], ["third_country_nationals", "newcomers"], "Wir sind für Meldeangelegenheiten, Ausweise und Bescheinigungen zuständig", "Dessau-Roßlau"),
        new("Ausländerbehörde der Stadt {1}", ["migration_law", "citizen_services"], ["third_country_nationals", "refugees"], "Wir entscheiden über Aufenthaltstitel und Einbürgerung und beraten dazu", "Dessau-Roßlau"),
    ];

    private static readonly Service[] Coordinations =
    [
        new("Netzwerkstelle Vielfalt {0}", ["anti_discrimination", "empowerment", "diversity_in_personnel"], ["migrant_organisations", "social_service_staff"], "Wir vernetzen Migrant*innenselbstorganisationen, soziale Träger und Verwaltung"),
        new("Koordinierungsstelle Integration {0}", ["citizen_services", "education", "counselling"], ["migrant_organisations", "administration_staff"], "Wir koordinieren Angebote für Neuzugewanderte und laden zu Runden Tischen ein"),
        new("Fachstelle Interkulturelle Öffnung {0}", ["diversity_in_personnel", "accessibility_and_plain_language"], ["administration_staff", "social_service_staff"], "Wir beraten Verwaltungen und Träger bei der interkulturellen Öffnung"),
        new("Partnerschaft für Demokratie {0}", ["anti_discrimination", "empowerment", "culture_and_storytelling"], ["migrant_organisations", "young_people"], "Wir fördern lokale Projekte für Demokratie und gegen Rassismus"),
        new("Runder Tisch Migration {0}", ["migration_law", "anti_discrimination"], ["migrant_organisations", "social_service_staff"], "Wir bringen Migrant*innenselbstorganisationen und Dienstleister an einen Tisch"),
    ];

    /// <summary>One or two sentences per topic, German first; some organisations also write in English.</summary>
    private static readonly Dictionary<string, (string De, string En)> TopicSentences = new()
    {
        ["anti_discrimination"] = ("Wir unterstützen Menschen mit Rassismus- und Diskriminierungserfahrungen und begleiten Beschwerden.", "We support people who experience racism and discrimination."),
        ["empowerment"] = ("In Empowerment-Workshops stärken wir Frauen und junge Menschen, ihre Stimme zu erheben.", "Our empowerment workshops help women and young people speak up."),
        ["health"] = ("Wir begleiten zu Arztterminen und bieten gesundheitliche Aufklärung in unseren Sprachen an.", "We accompany people to doctors' appointments and offer health information in our languages."),
        ["child_and_youth_welfare"] = ("Eltern finden bei uns Rat zu Kita, Schule und Jugendhilfe.", "Parents get advice on childcare, school and youth welfare."),
        ["citizen_services"] = ("Wir helfen bei Anträgen, Terminen im Bürgeramt und beim Verstehen von Behördenbriefen.", "We help with applications and letters from public offices."),
        ["career_guidance"] = ("Junge Menschen beraten wir diskriminierungskritisch zu Ausbildung und Beruf.", "We offer career guidance that takes discrimination seriously."),
        ["employment"] = ("Wir unterstützen bei der Anerkennung von Abschlüssen und bei der Arbeitssuche.", "We help with the recognition of qualifications and finding work."),
        ["migration_law"] = ("Unsere Beratung zu Aufenthaltsrecht und Einbürgerung ist kostenlos und vertraulich.", "Our advice on residence law and naturalisation is free and confidential."),
        ["education"] = ("Wir bieten Hausaufgabenhilfe, Sprachcafés und Bildungsangebote für Erwachsene.", "We run homework clubs, language cafés and adult education."),
        ["language_mediation"] = ("Ehrenamtliche Sprachmittler*innen begleiten bei Behördengängen, Elterngesprächen und Arztbesuchen.", "Volunteer community interpreters accompany people to offices, schools and doctors."),
        ["housing"] = ("Wir helfen bei der Wohnungssuche und bei Problemen mit Vermieter*innen.", "We help with finding a flat and with landlord problems."),
        ["culture_and_storytelling"] = ("Mit Storytelling, Musik und Festen machen wir die Geschichten unserer Community sichtbar.", "Through storytelling, music and festivals we make our community's stories visible."),
        ["diversity_in_personnel"] = ("Wir bringen unsere Erfahrung in die interkulturelle Öffnung von Verwaltungen ein.", "We contribute to the intercultural opening of public administrations."),
        ["accessibility_and_plain_language"] = ("Wir übersetzen Informationen in Einfache Sprache und prüfen Materialien auf Barrieren.", "We translate information into plain language and check materials for barriers."),
        ["counselling"] = ("Unsere Peer-Beratung ist offen für alle, auf Wunsch anonym.", "Our peer counselling is open to all, anonymously if preferred."),
        ["gender_equality"] = ("Wir setzen uns für die Gleichstellung von Frauen ein und bieten geschützte Räume.", "We work for gender equality and offer safe spaces for women."),
        ["lgbti"] = ("Queere Menschen finden bei uns Beratung und Gemeinschaft.", "Queer people find advice and community with us."),
        ["older_people"] = ("Für ältere Menschen organisieren wir Besuche, Ausflüge und Beratung zur Pflege.", "For older people we organise visits, outings and advice on care."),
        ["disability"] = ("Wir beraten Familien mit Kindern mit Behinderung zu ihren Rechten.", "We advise families of children with disabilities on their rights."),
    };

    private static readonly string[] CommonLanguages = ["ar", "tr", "uk", "ru", "fa", "vi", "pl", "ro"];

    private static readonly string[] ExtraMsoTopics = ["empowerment", "anti_discrimination", "language_mediation", "counselling"];

    private static readonly string[] ExtraMsoTargetGroups = ["third_country_nationals", "refugees", "newcomers", "women", "young_people"];

    private static readonly string[] Offers =
    [
        "Räume für Veranstaltungen",
        "Hospitationen",
        "Praktikumsplätze",
        "Fortbildungen für Fachkräfte",
        "mehrsprachige Informationsmaterialien",
        "Sprechstunden vor Ort",
    ];

    private static readonly string[] Streets =
    [
        "Hauptstraße", "Schillerstraße", "Lindenstraße", "Bahnhofstraße", "Gartenstraße", "Parkstraße",
        "Schulstraße", "Goethestraße", "Friedrichstraße", "Mühlenweg", "Kirchplatz", "Am Markt",
    ];

    private static readonly string[] People =
    [
        "Lan Nguyen", "Ayşe Demir", "Olena Kovalenko", "Yonas Tesfaye", "Maryam Ahmadi", "Karim Haddad",
        "Agnieszka Nowak", "Dmitri Wolkow", "Hêvî Aydın", "Amina Yusuf", "Ioana Popescu", "Jonas Becker",
        "Sabine Krüger", "Fatou Diallo", "Rahel Gebremedhin", "Mehmet Yılmaz", "Nino Beridze", "Carlos Mendoza",
        "Thi Hoa Pham", "Leyla Rahimi", "Oksana Bondarenko", "Ali Hassan", "Marta Kowalczyk", "Ahmad Karimi",
    ];

    private static readonly string[] MsoRoles = ["Vorstand", "Projektkoordination", "Ehrenamtskoordination", "Peer-Beratung", "Jugendarbeit"];

    private static readonly string[] InstitutionRoles = ["Abteilungsleitung", "Koordination", "Beratung", "Referent*in für Vielfalt", "Sachgebietsleitung"];

    /// <summary>The demo network: <paramref name="count"/> organisations, the same ones for the same seed.</summary>
    public static IEnumerable<DemoOrganisation> Generate(int count, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            yield return Organisation(i, random);
        }
    }

    private static DemoOrganisation Organisation(int index, Random random)
    {
        var place = Places[index % Places.Length];
        // The kinds in a repeating pattern (half MSOs), so every kind appears in every handful.
        var kind = (index % 8) switch
        {
            0 or 2 or 4 or 6 => OrganisationKind.Mso,
            1 or 5 => OrganisationKind.ServiceProvider,
            3 => OrganisationKind.Administration,
            _ => OrganisationKind.Coordination,
        };
        var status = index % 7 == 3 ? OrganisationStatus.Pending : OrganisationStatus.Verified;
        var profile = kind switch
        {
            OrganisationKind.Mso => Mso(place, random, index),
            OrganisationKind.ServiceProvider => Institution(kind, Pick(random, ServiceProviders), place, random),
            OrganisationKind.Administration => Institution(kind, Pick(random, Administrations.Where(a => a.OnlyInCity is null || a.OnlyInCity == place.City).ToArray()), place, random),
            _ => Institution(kind, Pick(random, Coordinations), place, random),
        };
        return new DemoOrganisation(profile, status);
    }

    private static OrganisationProfile Mso(Place place, Random random, int index)
    {
        // MSOs are every other organisation: in turn through the communities, so the showcase has each.
        var community = Communities[index / 2 % Communities.Length];
        var form = Pick(random, MsoForms);
        var ending = form.Gender switch { Gender.Masculine => "er", Gender.Neuter => "es", _ => "e" };
        var name = $"{community.Adjective}{ending} {form.Noun} {place.Label}{(form.Registered ? " e.V." : string.Empty)}";

        var topics = form.Topics.Take(2 + random.Next(form.Topics.Length - 1)).ToList();
        if (random.Next(3) == 0)
        {
            topics.Add(Pick(random, ExtraMsoTopics));
        }

        var languages = community.Languages.Take(1 + random.Next(community.Languages.Length)).Append("de").ToList();
        if (random.Next(4) == 0)
        {
            languages.Add("en");
        }

        var regions = new List<string> { place.Region };
        if (index % 6 == 0)
        {
            regions.Add(Taxonomy.Online);
        }

        var founded = 1985 + random.Next(38);
        var description = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"Wir sind eine Migrant*innenselbstorganisation von und für {community.People} in {place.Label}, gegründet {founded}. ")
            .AppendJoin(' ', topics.Distinct().Select(t => TopicSentences[t].De))
            .Append(CultureInfo.InvariantCulture, $" Wir suchen Partner*innen aus Verwaltung und sozialen Diensten und bieten Zugang zu unserer Community, Sprachmittlung und Storytelling.");
        if (languages.Contains("en") || random.Next(5) == 0)
        {
            description.Append(' ').Append(TopicSentences[topics[0]].En);
        }

        var targetGroups = form.TargetGroups.Append(Pick(random, ExtraMsoTargetGroups)).ToList();
        return Profile(name, OrganisationKind.Mso, description.ToString(), regions, topics, languages, targetGroups, place, random);
    }

    private static OrganisationProfile Institution(OrganisationKind kind, Service service, Place place, Random random)
    {
        var cityWide = kind == OrganisationKind.Coordination && random.Next(3) == 0;
        var label = cityWide ? place.City : place.Label;
        var name = string.Format(CultureInfo.InvariantCulture, service.Name, label, place.City);
        var regions = new List<string> { cityWide || service.Name.Contains("{1}", StringComparison.Ordinal) ? Taxonomy.CityOf(place.Region) ?? place.Region : place.Region };

        var languages = new List<string> { "de" };
        if (random.Next(2) == 0)
        {
            languages.Add("en");
        }

        languages.AddRange(Enumerable.Range(0, random.Next(3)).Select(_ => Pick(random, CommonLanguages)));
        if (random.Next(4) == 0)
        {
            languages.Add("gsg");
        }

        var description = kind == OrganisationKind.Coordination
            ? $"{service.What} in {label}. Wir organisieren Runde Tische, Fachaustausche und Fortbildungsreihen und zeigen, wer im Netzwerk was macht. "
              + string.Join(' ', service.Topics.Select(t => TopicSentences[t].De))
            : $"{service.What}. Wir möchten unsere Dienstleistungen für Menschen mit Migrationsgeschichte zugänglicher machen und suchen die Zusammenarbeit mit Migrant*innenselbstorganisationen, etwa beim Überprüfen unserer Materialien. Wir bieten {Pick(random, Offers)}.";
        if (random.Next(6) == 0)
        {
            description += " " + TopicSentences[service.Topics[0]].En;
        }

        return Profile(name, kind, description, regions, service.Topics, languages, service.TargetGroups, place, random);
    }

    private static OrganisationProfile Profile(
        string name, OrganisationKind kind, string description, IReadOnlyList<string> regions, IReadOnlyList<string> topics,
        IReadOnlyList<string> languages, IReadOnlyList<string> targetGroups, Place place, Random random)
    {
        var slug = Slug(name);
        var number = random.Next(100_000, 9_999_999).ToString(CultureInfo.InvariantCulture);
        var phone = $"+49 {place.PhonePrefix} {number}";
        var address = $"{Pick(random, Streets)} {1 + random.Next(120)}, {Pick(random, place.Postcodes)} {place.City}";
        var roles = kind == OrganisationKind.Mso ? MsoRoles : InstitutionRoles;
        var contacts = Enumerable.Range(0, 1 + random.Next(2))
            .Select(_ => Pick(random, People))
            .Distinct()
            .Select(person => new ContactPerson(person, Pick(random, roles), $"{Slug(person).Replace('-', '.')}@{slug}.example", null))
            .ToList();
        return new OrganisationProfile(
            name, kind, description, regions.Distinct().ToList(), topics.Distinct().ToList(), languages.Distinct().ToList(), targetGroups.Distinct().ToList(),
            $"https://www.{slug}.example", $"kontakt@{slug}.example", phone, address, contacts);
    }

    private static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];

    /// <summary>
    /// `Vietnamesischer Elternverein Lichtenberg e.V.` becomes `vietnamesischer-elternverein-lichtenberg`:
    /// German letters spelled out, other accents dropped, at most <see cref="MaximumSlugLength"/>
    /// characters cut at a hyphen, so addresses stay as short as real ones.
    /// </summary>
    internal static string Slug(string text)
    {
        var spelledOut = text.ToLowerInvariant()
            .Replace(" e.v.", string.Empty, StringComparison.Ordinal)
            .Replace("ä", "ae", StringComparison.Ordinal)
            .Replace("ö", "oe", StringComparison.Ordinal)
            .Replace("ü", "ue", StringComparison.Ordinal)
            .Replace("ß", "ss", StringComparison.Ordinal)
            .Replace('ı', 'i')
            .Normalize(NormalizationForm.FormD);
        var slug = new StringBuilder();
        foreach (var c in spelledOut)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        while (result.Length > MaximumSlugLength && result.LastIndexOf('-') > 0)
        {
            result = result[..result.LastIndexOf('-')];
        }

        return result;
    }

    private const int MaximumSlugLength = 50;
}
