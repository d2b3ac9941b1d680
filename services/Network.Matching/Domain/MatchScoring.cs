using Network.Contracts.Matching;
using Network.Vocabulary;

namespace Network.Matching.Domain;

/// <summary>
/// What the ranking needs to know about one listing and its organisation. Codes are those of
/// <see cref="Taxonomy"/>; a code the taxonomy does not know is ignored, neither scored nor explained.
/// </summary>
public sealed record ListingProfile
{
    public required Guid ListingId { get; init; }
    public required Guid OrganisationId { get; init; }

    public required ListingKind Kind { get; init; }

    public required IReadOnlyList<string> Topics { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required IReadOnlyList<string> Languages { get; init; }
    public required IReadOnlyList<string> TargetGroups { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required bool OrganisationVerified { get; init; }

    /// <summary>When someone of the organisation last did something on the platform; null if never.</summary>
    public DateTimeOffset? OrganisationLastActiveAt { get; init; }
}

/// <summary>What <see cref="MatchScoring.RankOrder"/> orders candidates by.</summary>
public readonly record struct RankKey(double Score, int SharedTopics, Guid ListingId);

/// <summary>A counterpart worth suggesting: its score (0..1, higher fits better) and why it fits.</summary>
public sealed record MatchSuggestion(ListingProfile Candidate, double Score, IReadOnlyList<MatchReason> Reasons);

/// <summary>
/// Ranks the listings of the other kind against one listing (offer ↔ request) and explains each
/// suggestion in German and English.
/// <para>
/// A candidate is suggested only if it is of the other kind, belongs to another organisation, shares
/// at least one topic, and can meet the listing somewhere: a shared district or city, or either side
/// online or nationwide. A topic is what the two would work on together and a place is where; without
/// both there is nothing to suggest, however similar the rest looks.
/// </para>
/// <para>
/// The score is the weighted sum of parts that each lie in 0..1; the weights add up to 1, so the score
/// does too. Equal scores are ordered by more shared topics, then by listing id, so the same input
/// always gives the same order.
/// </para>
/// </summary>
public static class MatchScoring
{
    /// <summary>
    /// The largest weight: the topic is what a partnership is about. Measured as the Dice coefficient
    /// (2·shared / (a + b)), so a listing that ticks every topic does not fit everything equally well.
    /// </summary>
    public const double TopicWeight = 0.35;

    /// <summary>
    /// Second largest: most work (outreach, workshops, interpreting) happens in a neighbourhood, and a
    /// partner in the same district is what people ask for first.
    /// </summary>
    public const double PlaceWeight = 0.20;

    /// <summary>
    /// Reaching people in their language is often the very reason for the partnership ("reaches
    /// Vietnamese-speaking families"), so it weighs almost as much as the place. Measured as the share of
    /// the smaller list covered, so an offer covering more languages than asked is not penalised.
    /// </summary>
    public const double LanguageWeight = 0.15;

    /// <summary>Who is reached matters, but target groups are broad and often implied by the topic.</summary>
    public const double TargetGroupWeight = 0.10;

    /// <summary>
    /// Free text is noisy (wording, two languages), so it refines the order among listings that fit by
    /// their codes rather than deciding it.
    /// </summary>
    public const double TextWeight = 0.10;

    /// <summary>
    /// Small: the stored suggestions and the live ranking only ever consider listings of verified
    /// organisations (held ones are not matched at all), so there it adds the same to every candidate;
    /// it orders candidates only where a caller ranks unverified ones too.
    /// </summary>
    public const double VerifiedWeight = 0.05;

    /// <summary>
    /// Small: an organisation that was active recently is likelier to answer, not to fit better.
    /// Measured as the mean of both organisations' recent activity, so a pair scores the same from
    /// either side; for one listing's candidates its own activity is the same for all, so the order
    /// follows the candidates' activity.
    /// </summary>
    public const double RecentActivityWeight = 0.05;

    /// <summary>The same district is the best place fit.</summary>
    public const double SameDistrictFit = 1.0;

    /// <summary>Across a city people still travel to each other, but less readily than within a district.</summary>
    public const double SameCityFit = 0.6;

    /// <summary>Online and nationwide fit everywhere, yet without being on the spot; below a city.</summary>
    public const double EverywhereFit = 0.4;

    /// <summary>
    /// Jaccard similarity of two real descriptions is rarely above 0.5 even when they are about the same
    /// thing; at this value the text part is full.
    /// </summary>
    public const double FullTextSimilarity = 0.5;

    /// <summary>From this Jaccard similarity on, the shared words are worth naming as a reason.</summary>
    public const double SimilarTextReasonThreshold = 0.1;

    /// <summary>Activity fades linearly to nothing over this time.</summary>
    public static readonly TimeSpan RecentActivityHorizon = TimeSpan.FromDays(90);

    private const int SharedWordsNamed = 3;
    private const int MinimumWordLength = 3;

    private static readonly Dictionary<string, (string De, string En)> Places = Taxonomy.Regions
        .SelectMany(city => city.Districts.Select(d => KeyValuePair.Create(d.Code, (d.De, d.En))).Prepend(KeyValuePair.Create(city.Code, (city.De, city.En))))
        .ToDictionary(StringComparer.Ordinal);

    private static readonly HashSet<string> StopWords = new(
    [
        // German
        "aber", "alle", "allen", "aller", "alles", "als", "also", "am", "an", "auch", "auf", "aus", "bei", "beim", "bin", "bis", "bitte",
        "da", "damit", "dann", "das", "dass", "dem", "den", "denen", "der", "des", "dessen", "die", "dies", "diese", "diesem", "diesen",
        "dieser", "dieses", "doch", "dort", "durch", "ein", "eine", "einem", "einen", "einer", "eines", "etwa", "für", "gegen", "gibt",
        "hat", "haben", "hier", "ich", "ihr", "ihre", "ihrem", "ihren", "ihrer", "im", "in", "ist", "jede", "jeden", "jeder", "kann",
        "kein", "keine", "können", "mit", "nach", "nicht", "noch", "nur", "oder", "ohne", "sehr", "sein", "seine", "sich", "sie", "sind",
        "so", "sowie", "suchen", "sucht", "über", "um", "und", "uns", "unser", "unsere", "unter", "vom", "von", "vor", "wann", "was",
        "weil", "welche", "wenn", "wer", "werden", "wie", "wir", "wird", "wo", "zu", "zum", "zur", "zwischen",
        // English
        "about", "after", "all", "also", "and", "any", "are", "been", "but", "can", "for", "from", "has", "have", "her", "his", "how",
        "into", "its", "looking", "more", "not", "offer", "offers", "our", "out", "seek", "seeking", "some", "such", "than", "that",
        "the", "their", "them", "they", "this", "those", "through", "who", "will", "with", "within", "would", "you", "your",
    ], StringComparer.Ordinal);

    /// <summary>
    /// The counterparts of <paramref name="listing"/> among <paramref name="candidates"/>, best first,
    /// at most <paramref name="limit"/> of them if given. A candidate listed twice counts once.
    /// </summary>
    public static IReadOnlyList<MatchSuggestion> Rank(ListingProfile listing, IEnumerable<ListingProfile> candidates, DateTimeOffset now, int? limit = null)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(candidates);
        if (limit is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit cannot be negative.");
        }

        var self = Prepared.From(listing);
        var seen = new HashSet<Guid>();
        var ranked = new List<(MatchSuggestion Suggestion, int SharedTopics)>();
        foreach (var candidate in candidates)
        {
            if (!seen.Add(candidate.ListingId))
            {
                continue;
            }

            if (Score(self, candidate, now) is { } scored)
            {
                ranked.Add(scored);
            }
        }

        ranked.Sort((a, b) => RankOrder.Compare(
            new RankKey(a.Suggestion.Score, a.SharedTopics, a.Suggestion.Candidate.ListingId),
            new RankKey(b.Suggestion.Score, b.SharedTopics, b.Suggestion.Candidate.ListingId)));
        var ordered = ranked.Select(r => r.Suggestion);
        return (limit is { } max ? ordered.Take(max) : ordered).ToList();
    }

    /// <summary>
    /// The ranking's order: the higher score first, then more shared topics, then the listing id, so the
    /// same input always gives the same order. The catalogue orders by it too.
    /// </summary>
    public static readonly IComparer<RankKey> RankOrder = Comparer<RankKey>.Create((a, b) =>
        a.Score != b.Score ? b.Score.CompareTo(a.Score)
        : a.SharedTopics != b.SharedTopics ? b.SharedTopics.CompareTo(a.SharedTopics)
        : a.ListingId.CompareTo(b.ListingId));

    /// <summary>The suggestion of <paramref name="candidate"/> for <paramref name="listing"/>, or null if it is not one.</summary>
    public static MatchSuggestion? Suggest(ListingProfile listing, ListingProfile candidate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(listing);
        ArgumentNullException.ThrowIfNull(candidate);
        return Score(Prepared.From(listing), candidate, now)?.Suggestion;
    }

    private static (MatchSuggestion Suggestion, int SharedTopics)? Score(Prepared self, ListingProfile candidate, DateTimeOffset now)
    {
        if (!IsCounterpart(self.Profile, candidate))
        {
            return null;
        }

        var other = Prepared.From(candidate);
        // Whether the two fit at all, and how well by their codes, is CodeScore's to say, here as in the
        // catalogue's shortlist; what follows explains it and adds the text.
        if (CodeScore(
                self.Codes,
                other.Codes,
                candidate.OrganisationVerified,
                RecentActivity(self.Profile.OrganisationLastActiveAt, now),
                RecentActivity(candidate.OrganisationLastActiveAt, now)) is not { } codeScore)
        {
            return null;
        }

        var sharedTopics = InTaxonomyOrder(Taxonomy.Topics, self.Topics, other.Topics);
        var (offer, request) = self.Profile.Kind == ListingKind.Offer ? (self, other) : (other, self);
        var sharedLanguages = Taxonomy.Languages.Where(l => self.Languages.Contains(l.Code) && other.Languages.Contains(l.Code)).ToList();
        var sharedTargetGroups = InTaxonomyOrder(Taxonomy.TargetGroups, self.TargetGroups, other.TargetGroups);
        var sharedWords = self.Words.Intersect(other.Words).ToList();
        var textSimilarity = Jaccard(sharedWords.Count, self.Words.Count, other.Words.Count);
        var score = Total(codeScore, sharedWords.Count, self.Words.Count, other.Words.Count);

        var reasons = new List<MatchReason>();
        reasons.AddRange(sharedTopics.Select(t => Reason("shared_topic", $"Gleiches Thema: {t.De}", $"same topic: {Lower(t.En)}")));
        reasons.AddRange(PlaceReasons(offer, request));
        reasons.AddRange(sharedLanguages.Select(l => Reason("shared_language", $"Das Angebot umfasst {l.De}", $"the offer covers {l.En}")));
        reasons.AddRange(sharedTargetGroups.Select(t => Reason("shared_target_group", $"Gleiche Zielgruppe: {t.De}", $"same target group: {Lower(t.En)}")));
        if (textSimilarity >= SimilarTextReasonThreshold)
        {
            // Longer words say more about the work than short ones; the ordinal order keeps ties stable.
            var named = string.Join(", ", sharedWords.OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).Take(SharedWordsNamed));
            reasons.Add(Reason("similar_text", $"Ähnliche Beschreibung, beide nennen: {named}", $"similar description, both mention: {named}"));
        }

        return (new MatchSuggestion(candidate, score, reasons), sharedTopics.Count);
    }

    /// <summary>
    /// The score as suggestions carry it: the codes' part (<see cref="CodeScore"/>) plus the text's, from
    /// how many words the two share of how many each has (<see cref="WordsOf"/>), rounded to four
    /// places. The catalogue (Data/CounterpartCatalogue.cs) ranks with this very function, so its
    /// order is this class's order.
    /// </summary>
    public static double Total(double codeScore, int sharedWords, int listingWords, int candidateWords) =>
        Math.Round(codeScore + TextWeight * Math.Min(1, Jaccard(sharedWords, listingWords, candidateWords) / FullTextSimilarity), 4);

    /// <summary>The highest score a candidate with this code score can reach: every word shared.</summary>
    public static double HighestTotal(double codeScore) => Total(codeScore, 1, 1, 1);

    /// <summary>The words of a listing that the text part compares: lowercased, at least three letters, no German or English stop words.</summary>
    public static HashSet<string> WordsOf(string title, string description) => Words($"{title} {description}");

    /// <summary>
    /// Every part of the score but the text: topics (Dice), the best place level, languages and target
    /// groups (coverage of the smaller list), the verified part and the mean of both organisations'
    /// recent activity (<see cref="RecentActivity"/>). Null when the two share no topic or cannot meet
    /// anywhere, so that the candidate is no counterpart at all. Whether the candidate is of the other
    /// kind and of another organisation is the caller's to check.
    /// </summary>
    public static double? CodeScore(in ListingCodes listing, in ListingCodes candidate, bool candidateVerified, double listingActivity, double candidateActivity)
    {
        var sharedTopics = listing.Topics.SharedWith(candidate.Topics);
        if (sharedTopics == 0)
        {
            return null;
        }

        var place = listing.Districts.Overlaps(candidate.Districts) ? SameDistrictFit
            : listing.Cities.Overlaps(candidate.Cities) ? SameCityFit
            : listing.Everywhere || candidate.Everywhere ? EverywhereFit
            : 0;
        if (place == 0)
        {
            return null;
        }

        return TopicWeight * Dice(sharedTopics, listing.Topics.Count, candidate.Topics.Count)
            + PlaceWeight * place
            + LanguageWeight * Coverage(listing.Languages.SharedWith(candidate.Languages), listing.Languages.Count, candidate.Languages.Count)
            + TargetGroupWeight * Coverage(listing.TargetGroups.SharedWith(candidate.TargetGroups), listing.TargetGroups.Count, candidate.TargetGroups.Count)
            + VerifiedWeight * (candidateVerified ? 1 : 0)
            + RecentActivityWeight * (listingActivity + candidateActivity) / 2;
    }

    private static bool IsCounterpart(ListingProfile listing, ListingProfile candidate) =>
        listing.OrganisationId != candidate.OrganisationId
        && listing.ListingId != candidate.ListingId
        && listing.Kind != candidate.Kind;

    /// <summary>
    /// The best level of place fit, explained: the shared districts, else the shared cities, else who
    /// works online or nationwide (<see cref="CodeScore"/> weighs the same levels).
    /// </summary>
    private static List<MatchReason> PlaceReasons(Prepared offer, Prepared request)
    {
        var sharedDistricts = offer.Regions.Where(r => Taxonomy.CityOf(r) is not null && request.Regions.Contains(r)).Order(StringComparer.Ordinal).ToList();
        if (sharedDistricts.Count > 0)
        {
            return sharedDistricts.Select(d => Reason("same_district", $"Beide arbeiten in {Places[d].De}", $"both work in {Places[d].En}")).ToList();
        }

        var sharedCities = offer.Cities.Intersect(request.Cities).Order(StringComparer.Ordinal).ToList();
        if (sharedCities.Count > 0)
        {
            return sharedCities.Select(c => Reason("same_city", $"Beide arbeiten in {Places[c].De}", $"both work in {Places[c].En}")).ToList();
        }

        var reasons = new List<MatchReason>();
        if (Side(Taxonomy.Online, offer, request) is { } online)
        {
            reasons.Add(Reason("online", $"{online.De} läuft online, der Ort spielt keine Rolle", $"{online.En} works online, so the place does not matter"));
        }

        if (Side(Taxonomy.Nationwide, offer, request) is { } nationwide)
        {
            reasons.Add(Reason("nationwide", $"{nationwide.De} gilt für ganz Deutschland", $"{nationwide.En} covers all of Germany"));
        }

        return reasons;
    }

    /// <summary>Which side works everywhere in this way, the offer named first since it is what gets delivered.</summary>
    private static (string De, string En)? Side(string region, Prepared offer, Prepared request) =>
        offer.Regions.Contains(region) ? ("Das Angebot", "the offer")
        : request.Regions.Contains(region) ? ("Die Anfrage", "the request")
        : null;

    private static List<TaxonomyTerm> InTaxonomyOrder(IReadOnlyList<TaxonomyTerm> terms, HashSet<string> a, HashSet<string> b) =>
        terms.Where(t => a.Contains(t.Code) && b.Contains(t.Code)).ToList();

    private static double Dice(int shared, int a, int b) => a + b == 0 ? 0 : 2.0 * shared / (a + b);

    private static double Coverage(int shared, int a, int b) => Math.Min(a, b) == 0 ? 0 : (double)shared / Math.Min(a, b);

    private static double Jaccard(int shared, int a, int b) => a + b - shared == 0 ? 0 : (double)shared / (a + b - shared);

    /// <summary>How recently an organisation was active, from 1 (now) fading to 0 over <see cref="RecentActivityHorizon"/>.</summary>
    public static double RecentActivity(DateTimeOffset? lastActiveAt, DateTimeOffset now) =>
        lastActiveAt is { } at ? Math.Clamp(1 - ((now - at) / RecentActivityHorizon), 0, 1) : 0;

    private static MatchReason Reason(string code, string de, string en) => new() { Code = code, De = de, En = en };

    /// <summary>"Health" reads "health" mid-sentence; "LGBTI" and "EU citizens" keep their capitals.</summary>
    private static string Lower(string label) =>
        label.Length > 1 && char.IsUpper(label[0]) && char.IsLower(label[1]) ? char.ToLowerInvariant(label[0]) + label[1..] : label;

    /// <summary>Lowercased words of at least three letters, without German and English stop words.</summary>
    private static HashSet<string> Words(string text)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = text[start..i].ToLowerInvariant();
                if (word.Length >= MinimumWordLength && !StopWords.Contains(word))
                {
                    words.Add(word);
                }

                start = -1;
            }
        }

        return words;
    }

    /// <summary>A listing's known codes as sets and its words, computed once per listing.</summary>
    private sealed record Prepared(
        ListingProfile Profile,
        HashSet<string> Topics,
        HashSet<string> Regions,
        HashSet<string> Cities,
        HashSet<string> Languages,
        HashSet<string> TargetGroups,
        HashSet<string> Words,
        ListingCodes Codes)
    {
        public static Prepared From(ListingProfile profile)
        {
            var regions = Known(profile.Regions, Taxonomy.IsRegion);
            var cities = regions
                .Where(r => r is not (Taxonomy.Online or Taxonomy.Nationwide))
                .Select(r => Taxonomy.CityOf(r) ?? r)
                .ToHashSet(StringComparer.Ordinal);
            return new Prepared(
                profile,
                Known(profile.Topics, Taxonomy.IsTopic),
                regions,
                cities,
                Known(profile.Languages, Taxonomy.IsLanguage),
                Known(profile.TargetGroups, Taxonomy.IsTargetGroup),
                WordsOf(profile.Title, profile.Description),
                ListingCodes.Of(profile));
        }

        private static HashSet<string> Known(IEnumerable<string> codes, Func<string, bool> isKnown) =>
            codes.Where(isKnown).ToHashSet(StringComparer.Ordinal);
    }
}
