using Network.Directory.Domain;

namespace Network.Directory.Tests.Organisations;

public sealed class Demo_network
{
    private static readonly IReadOnlyList<DemoOrganisation> Showcase = DemoNetwork.Generate(DemoNetwork.ShowcaseSize).ToList();

    [Fact]
    public void The_same_seed_gives_the_same_network()
    {
        var again = DemoNetwork.Generate(DemoNetwork.ShowcaseSize).ToList();

        Assert.Equal(Showcase.Select(o => o.Profile.Name), again.Select(o => o.Profile.Name));
        Assert.Equal(Showcase.Select(o => o.Profile.Description), again.Select(o => o.Profile.Description));
        Assert.NotEqual(Showcase.Select(o => o.Profile.Name), DemoNetwork.Generate(DemoNetwork.ShowcaseSize, seed: 7).Select(o => o.Profile.Name));
    }

    [Fact]
    public void The_showcase_has_at_least_forty_organisations_of_every_kind_some_pending()
    {
        Assert.True(Showcase.Count >= 40);
        Assert.Equal(Enum.GetValues<OrganisationKind>().Order(), Showcase.Select(o => o.Profile.Kind).Distinct().Order());
        Assert.Contains(Showcase, o => o.Status == OrganisationStatus.Pending);
        Assert.True(Showcase.Count(o => o.Status == OrganisationStatus.Verified) > Showcase.Count / 2);
    }

    [Fact]
    public void The_showcase_covers_every_berlin_district_koeln_and_dessau_rosslau()
    {
        var regions = Showcase.SelectMany(o => o.Profile.Regions).ToHashSet();

        Assert.All(Taxonomy.Regions.Single(r => r.Code == "berlin").Districts, d => Assert.Contains(d.Code, regions));
        Assert.Contains(regions, r => r.StartsWith("koeln", StringComparison.Ordinal));
        Assert.Contains("dessau_rosslau", regions);
    }

    [Fact]
    public void The_showcase_speaks_the_languages_of_the_communities()
    {
        var languages = Showcase.SelectMany(o => o.Profile.Languages).ToHashSet();

        Assert.True(languages.Count >= 12, string.Join(", ", languages));
        Assert.All(["de", "ar", "tr", "vi", "uk", "fa", "ti", "pl", "ru", "en"], code => Assert.Contains(code, languages));
    }

    [Fact]
    public void Every_generated_profile_passes_the_profile_rules()
    {
        foreach (var organisation in DemoNetwork.Generate(2_000))
        {
            var (_, errors) = OrganisationProfileRules.Validate(OrganisationDraft.From(organisation.Profile));
            Assert.True(errors.Count == 0, organisation.Profile.Name + ": " + string.Join("; ", errors.SelectMany(e => e.Value)));
        }
    }

    [Fact]
    public void Names_read_like_real_organisations()
    {
        var names = Showcase.Select(o => o.Profile.Name).ToList();

        Assert.Contains(names, n => n.EndsWith(" e.V.", StringComparison.Ordinal));
        Assert.All(names, n => Assert.DoesNotContain("{", n));
        Assert.True(names.Distinct().Count() >= Showcase.Count - 2, string.Join(" | ", names));
    }

    [Fact]
    public void The_generator_makes_a_hundred_thousand_for_measurements() =>
        Assert.Equal(100_000, DemoNetwork.Generate(100_000).Count());

    [Fact]
    public void Web_and_mail_addresses_are_in_the_reserved_example_domain() =>
        Assert.All(Showcase, o =>
        {
            Assert.EndsWith(".example", new Uri(o.Profile.Website!).Host);
            Assert.EndsWith(".example", o.Profile.Email);
        });
}
