using Network.Directory.Domain;

namespace Network.Directory.Tests.Organisations;

public sealed class Taxonomy_rules
{
    [Fact]
    public void Every_code_is_snake_case_and_unique_across_its_list()
    {
        var lists = new[]
        {
            Taxonomy.Topics.Select(t => t.Code),
            Taxonomy.Regions.SelectMany(r => r.Districts.Select(d => d.Code).Prepend(r.Code)),
            Taxonomy.TargetGroups.Select(t => t.Code),
        };
        foreach (var codes in lists.Select(l => l.ToList()))
        {
            Assert.Equal(codes.Count, codes.Distinct().Count());
            Assert.All(codes, code => Assert.Matches("^[a-z][a-z0-9]*(_[a-z0-9]+)*$", code));
        }
    }

    [Fact]
    public void Every_term_has_a_german_and_an_english_label()
    {
        var terms = Taxonomy.Topics.Concat(Taxonomy.TargetGroups)
            .Concat(Taxonomy.Regions.SelectMany(r => r.Districts))
            .Select(t => (t.Code, t.De, t.En))
            .Concat(Taxonomy.Regions.Select(r => (r.Code, r.De, r.En)))
            .Concat(Taxonomy.Languages.Select(l => (l.Code, l.De, l.En)));
        Assert.All(terms, term =>
        {
            Assert.False(string.IsNullOrWhiteSpace(term.De), term.Code);
            Assert.False(string.IsNullOrWhiteSpace(term.En), term.Code);
        });
    }

    [Fact]
    public void The_topics_are_those_of_the_design()
    {
        string[] expected =
        [
            "anti_discrimination", "empowerment", "health", "child_and_youth_welfare", "citizen_services", "career_guidance",
            "employment", "migration_law", "education", "language_mediation", "housing", "culture_and_storytelling",
            "diversity_in_personnel", "accessibility_and_plain_language", "counselling", "gender_equality", "lgbti",
            "older_people", "disability",
        ];
        Assert.Equal(expected.Order(), Taxonomy.Topics.Select(t => t.Code).Order());
    }

    [Fact]
    public void Berlin_has_its_twelve_districts_and_koeln_its_nine()
    {
        Assert.Equal(12, Taxonomy.Regions.Single(r => r.Code == "berlin").Districts.Count);
        Assert.Equal(9, Taxonomy.Regions.Single(r => r.Code == "koeln").Districts.Count);
        Assert.Contains(Taxonomy.Regions.Single(r => r.Code == "berlin").Districts, d => d.Code == "berlin_lichtenberg" && d.De == "Lichtenberg");
        Assert.Contains(Taxonomy.Regions.Single(r => r.Code == "koeln").Districts, d => d.Code == "koeln_ehrenfeld");
        Assert.True(Taxonomy.IsRegion("dessau_rosslau"));
        Assert.True(Taxonomy.IsRegion("online"));
        Assert.True(Taxonomy.IsRegion("nationwide"));
    }

    [Theory]
    [InlineData("ar", "العربية")]
    [InlineData("tr", "Türkçe")]
    [InlineData("vi", "Tiếng Việt")]
    [InlineData("uk", "Українська")]
    [InlineData("fa", "فارسی")]
    [InlineData("ti", "ትግርኛ")]
    [InlineData("pl", "Polski")]
    [InlineData("ru", "Русский")]
    [InlineData("prs", "دری")]
    public void Languages_carry_their_own_names(string code, string endonym) =>
        Assert.Equal(endonym, Taxonomy.Languages.Single(l => l.Code == code).Endonym);

    [Fact]
    public void Language_codes_are_iso_639_1_or_639_3() =>
        Assert.All(Taxonomy.Languages, l => Assert.Matches("^[a-z]{2,3}$", l.Code));

    [Theory]
    [InlineData("health", true)]
    [InlineData("Health", false)]
    [InlineData("gesundheit", false)]
    [InlineData("", false)]
    public void Topics_are_known_by_their_exact_code(string code, bool known) => Assert.Equal(known, Taxonomy.IsTopic(code));

    [Fact]
    public void A_search_for_a_city_finds_its_districts_and_who_works_everywhere()
    {
        var matching = Taxonomy.RegionsMatching("berlin");

        Assert.Contains("berlin", matching);
        Assert.Contains("berlin_lichtenberg", matching);
        Assert.Contains("berlin_reinickendorf", matching);
        Assert.Contains("nationwide", matching);
        Assert.Contains("online", matching);
        Assert.DoesNotContain("koeln_ehrenfeld", matching);
    }

    [Fact]
    public void A_search_for_a_district_finds_the_district_and_its_whole_city_but_not_its_neighbours()
    {
        var matching = Taxonomy.RegionsMatching("koeln_ehrenfeld");

        Assert.Equal(["koeln_ehrenfeld", "koeln", "online", "nationwide"], matching);
    }

    [Theory]
    [InlineData("online")]
    [InlineData("nationwide")]
    public void A_search_for_online_or_nationwide_finds_only_those(string code) =>
        Assert.Equal([code], Taxonomy.RegionsMatching(code));

    [Fact]
    public void Search_text_names_the_codes_in_both_languages()
    {
        var text = Taxonomy.SearchText(["berlin_lichtenberg"], ["health"], ["vi"], ["families"]);

        foreach (var label in new[] { "Lichtenberg", "Berlin", "Gesundheit", "Health", "Vietnamesisch", "Vietnamese", "Tiếng Việt", "Familien", "Families" })
        {
            Assert.Contains(label, text);
        }
    }
}
