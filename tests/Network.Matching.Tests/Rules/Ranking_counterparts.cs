using Network.Contracts.Matching;
using Network.Matching.Domain;

namespace Network.Matching.Tests.Rules;

public sealed class Ranking_counterparts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid HealthOffice = Id(100);

    /// <summary>The health office in Lichtenberg looking for an MSO that reaches Vietnamese-speaking families.</summary>
    private static readonly ListingProfile Request = new()
    {
        ListingId = Id(99),
        OrganisationId = HealthOffice,
        Kind = ListingKind.Request,
        Topics = ["health"],
        Regions = ["berlin_lichtenberg"],
        Languages = [],
        TargetGroups = [],
        Title = "",
        Description = "",
        OrganisationVerified = true,
        OrganisationLastActiveAt = Now,
    };

    /// <summary>An offer of another organisation that fits the request in topic and district and in nothing else.</summary>
    private static ListingProfile Offer(int id) => Request with
    {
        ListingId = Id(id),
        OrganisationId = Id(1000 + id),
        Kind = ListingKind.Offer,
    };

    /// <summary>Each case: the new listing, its candidates, and the listing ids expected back, best first.</summary>
    private static readonly Dictionary<string, (ListingProfile Listing, ListingProfile[] Candidates, int[] Expected)> Table = new()
    {
        ["no shared topic at all"] = (Request, [Offer(1) with { Topics = ["education"] }], []),
        ["a shared topic is enough"] = (Request, [Offer(1) with { Topics = ["education", "health"] }], [1]),
        ["no place where both work"] = (Request, [Offer(1) with { Regions = ["koeln_kalk"] }], []),
        ["online against the same district"] = (Request, [Offer(1) with { Regions = ["online"] }, Offer(2)], [2, 1]),
        ["nationwide against the same district"] = (Request, [Offer(1) with { Regions = ["nationwide"] }, Offer(2)], [2, 1]),
        ["same district beats same city"] = (Request, [Offer(1) with { Regions = ["berlin"] }, Offer(2)], [2, 1]),
        ["another district of the same city beats online"] = (Request, [Offer(1) with { Regions = ["online"] }, Offer(2) with { Regions = ["berlin_mitte"] }], [2, 1]),
        ["a listing of its own organisation"] = (Request, [Offer(1) with { OrganisationId = HealthOffice }, Offer(2) with { Regions = ["online"] }], [2]),
        ["a listing of the same kind"] = (Request, [Offer(1) with { Kind = ListingKind.Request }, Offer(2) with { Regions = ["online"] }], [2]),
        ["an offer looks for requests only"] = (Offer(50), [Offer(1), Request], [99]),
        ["ties go to the lower listing id"] = (Request, [Offer(3), Offer(1), Offer(2)], [1, 2, 3]),
        ["at equal scores more shared topics first"] = (
            Request with { Topics = ["health", "education"] },
            [Offer(1) with { Topics = ["health"] }, Offer(2) with { Topics = ["health", "education", "housing", "employment"] }],
            [2, 1]),
        ["verified before unverified"] = (Request, [Offer(1) with { OrganisationVerified = false }, Offer(2)], [2, 1]),
        ["recently active before long inactive"] = (Request, [Offer(1) with { OrganisationLastActiveAt = Now.AddDays(-200) }, Offer(2)], [2, 1]),
        ["never active last"] = (Request, [Offer(1) with { OrganisationLastActiveAt = null }, Offer(2) with { OrganisationLastActiveAt = Now.AddDays(-60) }], [2, 1]),
        ["a shared language first"] = (Request with { Languages = ["vi"] }, [Offer(1) with { Languages = ["ar"] }, Offer(2) with { Languages = ["ar", "vi"] }], [2, 1]),
        ["a shared target group first"] = (Request with { TargetGroups = ["families"] }, [Offer(1), Offer(2) with { TargetGroups = ["families"] }], [2, 1]),
        ["a similar description first"] = (
            Request with { Description = "Sprachmittlung für vietnamesische Familien beim Gesundheitsamt" },
            [Offer(1) with { Description = "Workshops zu Ernährung" }, Offer(2) with { Description = "Wir bieten Sprachmittlung für vietnamesische Familien" }],
            [2, 1]),
        ["a candidate given twice counts once"] = (Request, [Offer(1), Offer(1)], [1]),
    };

    public static TheoryData<string> Cases()
    {
        var cases = new TheoryData<string>();
        foreach (var name in Table.Keys)
        {
            cases.Add(name);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Counterparts_are_ranked_as_the_table_says(string name)
    {
        var (listing, candidates, expected) = Table[name];

        var ranked = MatchScoring.Rank(listing, candidates, Now);

        Assert.Equal(expected.Select(Id), ranked.Select(s => s.Candidate.ListingId));
        Assert.All(ranked, s => Assert.InRange(s.Score, 0, 1));
    }

    [Theory]
    [InlineData(0, new int[0])]
    [InlineData(1, new[] { 1 })]
    [InlineData(2, new[] { 1, 2 })]
    [InlineData(5, new[] { 1, 2, 3 })]
    [InlineData(null, new[] { 1, 2, 3 })]
    public void The_limit_keeps_the_best(int? limit, int[] expected)
    {
        ListingProfile[] candidates = [Offer(3) with { Regions = ["online"] }, Offer(2) with { Regions = ["berlin"] }, Offer(1)];

        var ranked = MatchScoring.Rank(Request, candidates, Now, limit);

        Assert.Equal(expected.Select(Id), ranked.Select(s => s.Candidate.ListingId));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void The_order_does_not_depend_on_the_order_of_the_candidates(int seed)
    {
        ListingProfile[] candidates =
        [
            Offer(1), Offer(2), Offer(3),
            Offer(4) with { Regions = ["online"] }, Offer(5) with { Regions = ["online"] },
            Offer(6) with { Regions = ["berlin"] }, Offer(7) with { OrganisationVerified = false },
        ];
        var shuffled = candidates.ToArray();
        new Random(seed).Shuffle(shuffled);

        var ranked = MatchScoring.Rank(Request, shuffled, Now);

        Assert.Equal(new[] { 1, 2, 3, 7, 6, 4, 5 }.Select(Id), ranked.Select(s => s.Candidate.ListingId));
    }

    [Theory]
    [InlineData("vi", "Das Angebot umfasst Vietnamesisch", "the offer covers Vietnamese")]
    [InlineData("ar", "Das Angebot umfasst Arabisch", "the offer covers Arabic")]
    [InlineData("gsg", "Das Angebot umfasst Deutsche Gebärdensprache", "the offer covers German Sign Language")]
    public void A_shared_language_is_named_in_German_and_English_from_either_side(string language, string de, string en)
    {
        var request = Request with { Languages = ["de", language] };
        var offer = Offer(1) with { Languages = [language, "tr"] };
        var expected = new MatchReason { Code = "shared_language", De = de, En = en };

        Assert.Equal(new[] { expected }, Reasons(request, offer, "shared_language"));
        Assert.Equal(new[] { expected }, Reasons(offer, request, "shared_language"));
    }

    [Fact]
    public void A_good_fit_is_explained_topic_place_language_target_group_and_text()
    {
        var request = Request with
        {
            Topics = ["health", "language_mediation"],
            Languages = ["vi"],
            TargetGroups = ["families"],
            Title = "Sprachmittlung gesucht",
            Description = "Wir suchen Sprachmittlung für vietnamesische Familien in Lichtenberg.",
        };
        var offer = Offer(1) with
        {
            Topics = ["language_mediation", "health", "empowerment"],
            Regions = ["berlin_lichtenberg", "berlin_marzahn_hellersdorf"],
            Languages = ["vi", "de"],
            TargetGroups = ["families", "women"],
            Title = "Sprachmittlung",
            Description = "Sprachmittlung für vietnamesische Familien.",
        };

        var suggestion = MatchScoring.Suggest(request, offer, Now)!;

        Assert.Equal(
            new[]
            {
                new MatchReason { Code = "shared_topic", De = "Gleiches Thema: Gesundheit", En = "same topic: health" },
                new MatchReason { Code = "shared_topic", De = "Gleiches Thema: Sprachmittlung", En = "same topic: language mediation" },
                new MatchReason { Code = "same_district", De = "Beide arbeiten in Lichtenberg", En = "both work in Lichtenberg" },
                new MatchReason { Code = "shared_language", De = "Das Angebot umfasst Vietnamesisch", En = "the offer covers Vietnamese" },
                new MatchReason { Code = "shared_target_group", De = "Gleiche Zielgruppe: Familien", En = "same target group: families" },
                new MatchReason
                {
                    Code = "similar_text",
                    De = "Ähnliche Beschreibung, beide nennen: sprachmittlung, vietnamesische, familien",
                    En = "similar description, both mention: sprachmittlung, vietnamesische, familien",
                },
            },
            suggestion.Reasons);
    }

    [Theory]
    [InlineData("berlin", "same_city", "Beide arbeiten in Berlin", "both work in Berlin")]
    [InlineData("berlin_mitte", "same_city", "Beide arbeiten in Berlin", "both work in Berlin")]
    [InlineData("online", "online", "Das Angebot läuft online, der Ort spielt keine Rolle", "the offer works online, so the place does not matter")]
    [InlineData("nationwide", "nationwide", "Das Angebot gilt für ganz Deutschland", "the offer covers all of Germany")]
    public void Only_the_best_place_fit_is_explained(string offerRegion, string code, string de, string en)
    {
        var offer = Offer(1) with { Regions = [offerRegion, "koeln_kalk"] };

        var place = MatchScoring.Suggest(Request, offer, Now)!.Reasons.Where(r => r.Code != "shared_topic");

        Assert.Equal(new[] { new MatchReason { Code = code, De = de, En = en } }, place);
    }

    [Fact]
    public void A_request_that_works_online_is_named_as_the_request()
    {
        var request = Request with { Regions = ["online"] };

        var place = MatchScoring.Suggest(request, Offer(1) with { Regions = ["koeln_kalk"] }, Now)!.Reasons.Where(r => r.Code != "shared_topic");

        Assert.Equal(new[] { new MatchReason { Code = "online", De = "Die Anfrage läuft online, der Ort spielt keine Rolle", En = "the request works online, so the place does not matter" } }, place);
    }

    [Fact]
    public void A_perfect_fit_scores_one_and_the_weights_add_up_to_one()
    {
        var request = Request with { Languages = ["vi"], TargetGroups = ["families"], Description = "Sprachmittlung für Familien" };
        var offer = request with { ListingId = Id(1), OrganisationId = Id(1001), Kind = ListingKind.Offer };

        Assert.Equal(1.0, MatchScoring.Suggest(request, offer, Now)!.Score);
        Assert.Equal(1.0, MatchScoring.TopicWeight + MatchScoring.PlaceWeight + MatchScoring.LanguageWeight + MatchScoring.TargetGroupWeight
            + MatchScoring.TextWeight + MatchScoring.VerifiedWeight + MatchScoring.RecentActivityWeight, 10);
    }

    private static IEnumerable<MatchReason> Reasons(ListingProfile listing, ListingProfile candidate, string code) =>
        MatchScoring.Suggest(listing, candidate, Now)!.Reasons.Where(r => r.Code == code);

    private static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");
}
