using Network.Directory.Domain;

namespace Network.Directory.Tests.Organisations;

public sealed class Organisation_profile_rules
{
    private static readonly OrganisationDraft Valid = new(
        "Eritreischer Frauenverein Neukölln e.V.", OrganisationKind.Mso, "Empowerment und Beratung.",
        ["berlin_neukoelln"], ["empowerment"], ["ti", "de"], ["women"],
        "https://frauenverein.example", "info@frauenverein.example", "+49 30 123 456-7", "Hauptstraße 5\n12043 Berlin",
        [new ContactPerson("Rahel Gebremedhin", "Vorstand", "rahel@frauenverein.example", "030 1234567")]);

    [Fact]
    public void A_complete_profile_is_valid_and_trimmed()
    {
        var (profile, errors) = OrganisationProfileRules.Validate(Valid with { Name = "  Eritreischer Frauenverein  ", Regions = ["berlin_neukoelln", "berlin_neukoelln"] });

        Assert.Empty(errors);
        Assert.Equal("Eritreischer Frauenverein", profile!.Name);
        Assert.Equal(["berlin_neukoelln"], profile.Regions);
    }

    [Fact]
    public void Only_name_kind_and_one_region_topic_and_language_are_required()
    {
        var (profile, errors) = OrganisationProfileRules.Validate(new OrganisationDraft(
            "Netzwerk", OrganisationKind.Coordination, null, ["online"], ["counselling"], ["de"], null, null, null, null, null, null));

        Assert.Empty(errors);
        Assert.Equal(string.Empty, profile!.Description);
        Assert.Empty(profile.TargetGroups);
        Assert.Empty(profile.ContactPersons);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("A")]
    [InlineData("Zeile\numbruch")]
    [InlineData("Null\0zeichen")]
    public void A_missing_too_short_or_multi_line_name_is_refused(string name) =>
        Assert.Contains("name", OrganisationProfileRules.Validate(Valid with { Name = name }).Errors.Keys);

    [Theory]
    [InlineData(2, true)]
    [InlineData(200, true)]
    [InlineData(201, false)]
    [InlineData(10_000, false)]
    public void Names_have_two_to_two_hundred_characters(int length, bool valid) =>
        Assert.Equal(valid, !OrganisationProfileRules.Validate(Valid with { Name = new string('n', length) }).Errors.ContainsKey("name"));

    [Theory]
    [InlineData(5_000, true)]
    [InlineData(5_001, false)]
    public void Descriptions_have_at_most_five_thousand_characters(int length, bool valid) =>
        Assert.Equal(valid, !OrganisationProfileRules.Validate(Valid with { Description = new string('d', length) }).Errors.ContainsKey("description"));

    [Fact]
    public void Html_and_sql_are_kept_as_written()
    {
        const string text = "<script>alert('x')</script> Robert'); DROP TABLE organisations;--";
        var (profile, errors) = OrganisationProfileRules.Validate(Valid with { Name = "<b>Verein</b>'; --", Description = text });

        Assert.Empty(errors);
        Assert.Equal("<b>Verein</b>'; --", profile!.Name);
        Assert.Equal(text, profile.Description);
    }

    [Theory]
    [InlineData("regions", "berlin_atlantis")]
    [InlineData("topics", "astrology")]
    [InlineData("languages", "klingon")]
    [InlineData("targetGroups", "aliens")]
    public void Codes_outside_the_taxonomy_are_named_in_the_error(string field, string code)
    {
        var draft = field switch
        {
            "regions" => Valid with { Regions = ["berlin_mitte", code] },
            "topics" => Valid with { Topics = [code] },
            "languages" => Valid with { Languages = ["de", code] },
            _ => Valid with { TargetGroups = [code] },
        };

        var errors = OrganisationProfileRules.Validate(draft).Errors;

        Assert.Equal([field], errors.Keys);
        Assert.Contains(code, errors[field].Single());
    }

    [Theory]
    [InlineData("regions")]
    [InlineData("topics")]
    [InlineData("languages")]
    public void At_least_one_region_topic_and_language(string field)
    {
        var draft = field switch
        {
            "regions" => Valid with { Regions = [] },
            "topics" => Valid with { Topics = null },
            _ => Valid with { Languages = [] },
        };

        Assert.Contains(field, OrganisationProfileRules.Validate(draft).Errors.Keys);
    }

    [Theory]
    [InlineData("https://verein.example/ueber-uns", true)]
    [InlineData("http://verein.example", true)]
    [InlineData("verein.example", false)]
    [InlineData("ftp://verein.example", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("https://user:pass@verein.example", false)]
    public void The_website_is_an_http_address(string website, bool valid) =>
        Assert.Equal(valid, !OrganisationProfileRules.Validate(Valid with { Website = website }).Errors.ContainsKey("website"));

    [Theory]
    [InlineData("kein-email")]
    [InlineData("a@b")]
    [InlineData("Verein <info@verein.example>")]
    [InlineData("info\0@verein.example")]
    [InlineData("info@verein.example\r\nBcc: x@y.example")]
    public void A_malformed_email_is_refused(string email) =>
        Assert.Contains("email", OrganisationProfileRules.Validate(Valid with { Email = email }).Errors.Keys);

    [Theory]
    [InlineData("+49 30 1234567", true)]
    [InlineData("(0221) 12 34 56", true)]
    [InlineData("ruf an", false)]
    [InlineData("12", false)]
    public void The_phone_is_a_number_that_can_be_dialled(string phone, bool valid) =>
        Assert.Equal(valid, !OrganisationProfileRules.Validate(Valid with { Phone = phone }).Errors.ContainsKey("phone"));

    [Fact]
    public void Blank_optional_fields_are_cleared()
    {
        var (profile, _) = OrganisationProfileRules.Validate(Valid with { Website = " ", Email = "", Phone = null });

        Assert.Null(profile!.Website);
        Assert.Null(profile.Email);
        Assert.Null(profile.Phone);
    }

    [Fact]
    public void Contact_persons_are_checked_one_by_one()
    {
        var errors = OrganisationProfileRules.Validate(Valid with
        {
            ContactPersons = [new ContactPerson("Lan", null, null, null), new ContactPerson("", null, "nope", null)],
        }).Errors;

        Assert.Equal(["contactPersons[1].email", "contactPersons[1].name"], errors.Keys.Order());
    }

    [Fact]
    public void Every_fault_is_reported_at_once()
    {
        var errors = OrganisationProfileRules.Validate(new OrganisationDraft("", null, null, [], ["x"], null, null, "nope", "nope", null, null, null)).Errors;

        Assert.Equal(["email", "kind", "languages", "name", "regions", "topics", "website"], errors.Keys.Order());
    }
}
