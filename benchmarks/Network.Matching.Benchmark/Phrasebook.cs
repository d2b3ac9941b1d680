namespace Network.Matching.Benchmark;

/// <summary>
/// The words synthetic listings are written with, in German or English. Activities are listed from
/// the most to the least used (<see cref="SyntheticListings"/> draws them Zipf-distributed), so full
/// text search meets words in a third of all listings as well as words in a few hundred. Templates
/// name their gaps in braces; <see cref="SyntheticListings"/> fills each gap with a fresh draw.
/// </summary>
internal sealed record Phrasebook(
    IReadOnlyList<string> Activities,
    IReadOnlyList<string> Adjectives,
    IReadOnlyList<string> Partners,
    IReadOnlyList<string> Times,
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> OfferTitles,
    IReadOnlyList<string> RequestTitles,
    IReadOnlyList<string> OfferSentences,
    IReadOnlyList<string> RequestSentences,
    string Online,
    string Nationwide)
{
    public static readonly Phrasebook German = new(
        Activities:
        [
            "Beratung", "Workshop", "Begleitung", "Sprachkurs", "Unterstützung", "Austausch", "Veranstaltung", "Schulung",
            "Fortbildung", "Vernetzung", "Hausaufgabenhilfe", "Sprachmittlung", "Elterncafé", "Mentoring", "Bewerbungstraining",
            "Dolmetschen", "Nachbarschaftstreff", "Frauengruppe", "Jugendtreff", "Sozialberatung", "Gesundheitsberatung",
            "Mietberatung", "Asylverfahrensberatung", "Antidiskriminierungsberatung", "Empowermenttraining", "Selbsthilfegruppe",
            "Erzählcafé", "Theaterprojekt", "Schreibwerkstatt", "Fotoprojekt", "Podcast", "Ausstellung", "Stadtteilführung",
            "Kochabend", "Gartenprojekt", "Nähwerkstatt", "Fahrradwerkstatt", "Computerkurs", "Alphabetisierungskurs",
            "Integrationskurs", "Lernpatenschaft", "Ferienprogramm", "Sportangebot", "Schwimmkurs", "Musikgruppe", "Tanzworkshop",
            "Filmabend", "Lesung", "Podiumsdiskussion", "Fachtag", "Supervision", "Coaching", "Moderation", "Übersetzung",
            "Kulturdolmetschen", "Raumvermietung", "Kinderbetreuung", "Seniorentreff", "Besuchsdienst", "Wohnungssuche",
            "Behördenbegleitung", "Jobcoaching", "Praktikumsvermittlung", "Ausbildungsberatung", "Anerkennungsberatung",
            "Rechtsberatung", "Traumaberatung", "Suchtprävention", "Gewaltschutz", "Demokratiebildung", "Medienkompetenz",
            "Digitalwerkstatt", "Öffentlichkeitsarbeit", "Fundraising", "Förderanträge", "Ehrenamtskoordination", "Netzwerktreffen",
            "interkulturelles Training", "Sensibilisierung", "Diversitätstraining", "Elternarbeit", "Schulsozialarbeit", "Streetwork",
            "Quartiersarbeit", "Stadtteilmütter", "Gesundheitslotsen", "Impfaufklärung", "Hebammenhilfe",
        ],
        Adjectives:
        [
            "kostenlose", "mehrsprachige", "regelmäßige", "offene", "niedrigschwellige", "digitale", "wöchentliche",
            "kultursensible", "traumasensible", "barrierefreie", "ehrenamtliche", "professionelle", "kreative", "vertrauliche",
        ],
        Partners:
        [
            "Schulen", "Kitas", "Jobcentern", "Bezirksämtern", "Migrant*innenorganisationen", "Beratungsstellen", "Moscheegemeinden",
            "Sportvereinen", "Bibliotheken", "Nachbarschaftshäusern", "Familienzentren", "Krankenhäusern",
        ],
        Times: ["wöchentlich", "jeden Dienstag", "einmal im Monat", "am Wochenende", "abends", "in den Ferien", "nach Absprache"],
        Groups: ["Familien", "Jugendliche", "Neuzugewanderte", "Eltern", "Frauen", "Menschen im Stadtteil"],
        OfferTitles:
        [
            "{activity} für {group}", "{adjective} {activity} in {place}", "{activity} und {activity}",
            "Projekt {project}: {activity} für {group}", "{activity} auf {language}",
        ],
        RequestTitles:
        [
            "Partner*in für {activity} gesucht", "Wir suchen Unterstützung bei {activity}", "{activity} in {place} gesucht",
            "Projekt {project} sucht Hilfe bei {activity}", "Gesucht: {activity} für {group}",
        ],
        OfferSentences:
        [
            "Wir bieten {adjective} {activity} für {group} an.",
            "Unser Team begleitet seit {year} {group} in {place}.",
            "Das Angebot findet {time} in {place} statt.",
            "Gemeinsam mit {partner} organisieren wir {activity} und {activity}.",
            "Im Projekt {project} entwickeln wir {adjective} {activity}.",
            "Die {activity} ist auch auf {language} möglich.",
            "Wir haben Erfahrung mit {activity} und {activity}.",
        ],
        RequestSentences:
        [
            "Wir suchen eine Partnerorganisation für {activity} mit {group}.",
            "Für unser Projekt {project} brauchen wir Unterstützung bei {activity}.",
            "Gesucht werden Menschen mit Erfahrung in {activity}.",
            "Ideal wäre ein Treffen {time} in {place}.",
            "Bisher arbeiten wir mit {partner} zusammen und möchten {activity} ausbauen.",
            "Wichtig ist uns {adjective} {activity} auf {language}.",
        ],
        Online: "online",
        Nationwide: "ganz Deutschland");

    public static readonly Phrasebook English = new(
        Activities:
        [
            "counselling", "workshop", "support", "language course", "exchange", "event", "training", "networking",
            "homework help", "language mediation", "mentoring", "interpreting", "parents café", "job application training",
            "neighbourhood meeting", "women's group", "youth club", "social counselling", "health advice", "tenancy advice",
            "asylum counselling", "anti-discrimination advice", "empowerment training", "self-help group", "storytelling café",
            "theatre project", "writing workshop", "photo project", "podcast", "exhibition", "city walk", "cooking evening",
            "community garden", "sewing workshop", "bike repair", "computer course", "literacy course", "integration course",
            "learning buddies", "holiday programme", "sports", "swimming lessons", "music group", "dance workshop", "film night",
            "reading", "panel discussion", "conference", "supervision", "coaching", "facilitation", "translation",
            "cultural mediation", "room hire", "childcare", "seniors' meeting", "visiting service", "flat hunting",
            "accompaniment to authorities", "job coaching", "internships", "apprenticeship advice", "recognition of qualifications",
            "legal advice", "trauma counselling", "addiction prevention", "protection from violence", "democracy education",
            "media literacy", "digital skills", "outreach", "fundraising", "funding applications", "volunteer coordination",
            "intercultural training", "awareness raising", "diversity training", "parent involvement", "street work",
        ],
        Adjectives:
        [
            "free", "multilingual", "regular", "open", "low-threshold", "digital", "weekly", "culturally sensitive",
            "trauma-informed", "accessible", "volunteer-led", "professional", "creative", "confidential",
        ],
        Partners:
        [
            "schools", "day-care centres", "job centres", "district offices", "migrant organisations", "advice centres",
            "mosque communities", "sports clubs", "libraries", "neighbourhood centres", "family centres", "hospitals",
        ],
        Times: ["weekly", "every Tuesday", "once a month", "at weekends", "in the evenings", "during the holidays", "by arrangement"],
        Groups: ["families", "young people", "newcomers", "parents", "women", "people in the neighbourhood"],
        OfferTitles:
        [
            "{activity} for {group}", "{adjective} {activity} in {place}", "{activity} and {activity}",
            "Project {project}: {activity} for {group}", "{activity} in {language}",
        ],
        RequestTitles:
        [
            "Partner wanted for {activity}", "Looking for help with {activity}", "{activity} wanted in {place}",
            "Project {project} needs help with {activity}", "Wanted: {activity} for {group}",
        ],
        OfferSentences:
        [
            "We offer {adjective} {activity} for {group}.",
            "Our team has been working with {group} in {place} since {year}.",
            "It takes place {time} in {place}.",
            "Together with {partner} we organise {activity} and {activity}.",
            "In the project {project} we develop {adjective} {activity}.",
            "The {activity} is also available in {language}.",
            "We are experienced in {activity} and {activity}.",
        ],
        RequestSentences:
        [
            "We are looking for a partner organisation for {activity} with {group}.",
            "Our project {project} needs support with {activity}.",
            "We need people with experience in {activity}.",
            "Ideally we would meet {time} in {place}.",
            "So far we work with {partner} and want to expand {activity}.",
            "We care about {adjective} {activity} in {language}.",
        ],
        Online: "online",
        Nationwide: "all of Germany");
}
