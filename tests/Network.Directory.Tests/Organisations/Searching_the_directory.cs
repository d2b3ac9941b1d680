using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests.Organisations;

/// <summary>The public directory's search, over one small network registered through the API.</summary>
public sealed class Searching_the_directory(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private const string WomensGroup = "Afghanischer Frauenverein Neukölln e.V.";
    private const string HealthOffice = "Gesundheitsamt Köln-Ehrenfeld";
    private const string PendingInitiative = "Gesundheitsinitiative Lichtenberg";
    private const string EnglishNetwork = "Eritrean Women's Network";
    private const string CitizensOffice = "Bürgeramt Lichtenberg";
    private const string NationalAssociation = "Bundesverband Sprachmittlung";
    private const string HiddenCentre = "Gesundheitszentrum Mitte";

    private static readonly ConditionalWeakTable<DirectoryApiFactory, Task<Person>> Networks = [];

    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task German_stemming_finds_gesundheitliche_for_gesundheit_and_only_public_organisations()
    {
        await NetworkAsync();

        var names = await NamesAsync("?query=Gesundheit");

        // The women's group says "gesundheitliche Aufklärung" and has no health topic: only stemming finds it.
        Assert.Equal(new[] { HealthOffice, WomensGroup }.Order(), names.Order());
    }

    [Fact]
    public async Task English_stemming_finds_counselling_for_counsel()
    {
        await NetworkAsync();

        Assert.Contains(EnglishNetwork, await NamesAsync("?query=counsel"));
        Assert.Contains(EnglishNetwork, await NamesAsync("?query=Women%20storytelling"));
    }

    [Fact]
    public async Task Search_text_cannot_break_out_into_query_syntax()
    {
        await NetworkAsync();

        foreach (var query in new[] { "' OR 1=1 --", "gesund:* | !x", "<script>", "&&&", "\\", "und" })
        {
            var response = await client.GetAsync("/api/directory/organisations?query=" + Uri.EscapeDataString(query));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Theory]
    [InlineData("?region=berlin", new[] { WomensGroup, EnglishNetwork, CitizensOffice, NationalAssociation })]
    [InlineData("?region=berlin_lichtenberg", new[] { EnglishNetwork, CitizensOffice, NationalAssociation })]
    [InlineData("?region=koeln", new[] { HealthOffice, EnglishNetwork, NationalAssociation })]
    [InlineData("?region=online", new[] { EnglishNetwork })]
    [InlineData("?region=nationwide", new[] { NationalAssociation })]
    [InlineData("?kind=administration", new[] { CitizensOffice })]
    [InlineData("?language=ti", new[] { EnglishNetwork })]
    [InlineData("?language=fa&language=tr", new[] { WomensGroup, HealthOffice })]
    [InlineData("?topic=health&region=koeln", new[] { HealthOffice })]
    [InlineData("?targetGroup=women", new[] { WomensGroup, EnglishNetwork })]
    [InlineData("?query=Lichtenberg&kind=administration", new[] { CitizensOffice })]
    public async Task Filters_combine_and_a_place_finds_who_works_there(string parameters, string[] expected)
    {
        await NetworkAsync();

        Assert.Equal(expected.Order(), (await NamesAsync(parameters)).Order());
    }

    [Fact]
    public async Task Without_a_query_the_directory_pages_by_name_as_people_sort()
    {
        await NetworkAsync();
        var names = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await (await client.GetAsync($"/api/directory/organisations?limit=2{(cursor is null ? "" : "&cursor=" + cursor)}")).ReadJsonAsync();
            names.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null && pages < 10);

        // Ü sorts with U, not after Z.
        Assert.Equal([WomensGroup, NationalAssociation, CitizensOffice, EnglishNetwork, HealthOffice], names);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task Ranked_results_page_too()
    {
        await NetworkAsync();

        var first = await (await client.GetAsync("/api/directory/organisations?query=Gesundheit&limit=1")).ReadJsonAsync();
        var cursor = first.GetProperty("nextCursor").GetString();
        var second = await (await client.GetAsync($"/api/directory/organisations?query=Gesundheit&limit=1&cursor={cursor}")).ReadJsonAsync();

        var names = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("name").GetString()).ToList();
        Assert.Equal(new[] { HealthOffice, WomensGroup }.Order(), names.Order());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Coordinators_list_pending_organisations_the_public_may_not()
    {
        var coordinator = await client.CoordinatorAsync();
        await NetworkAsync();

        var pending = await client.GetAsync("/api/directory/organisations?status=pending", coordinator);
        var forbidden = await client.GetAsync("/api/directory/organisations?status=pending");

        Assert.Equal([PendingInitiative], (await pending.ReadJsonAsync()).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Contains(HiddenCentre, await NamesAsync("?query=Gesundheitszentrum", coordinator));
    }

    [Fact]
    public async Task Contact_data_in_results_is_for_members_of_verified_organisations()
    {
        var member = await NetworkAsync();

        var seenByMember = (await (await client.GetAsync($"/api/directory/organisations?kind=administration", member)).ReadJsonAsync()).GetProperty("items")[0];
        var seenByPublic = (await (await client.GetAsync($"/api/directory/organisations?kind=administration")).ReadJsonAsync()).GetProperty("items")[0];

        Assert.Equal("kontakt@elternverein.example", seenByMember.GetProperty("email").GetString());
        Assert.Equal(JsonValueKind.Null, seenByPublic.GetProperty("email").ValueKind);
    }

    [Theory]
    [InlineData("?region=atlantis", "region", "atlantis")]
    [InlineData("?topic=astrology", "topic", "astrology")]
    [InlineData("?language=klingon", "language", "klingon")]
    [InlineData("?targetGroup=aliens", "targetGroup", "aliens")]
    [InlineData("?kind=charity", "kind", "charity")]
    [InlineData("?limit=101", "limit", "100")]
    [InlineData("?cursor=bm90LWEtY3Vyc29y", "cursor", "cursor")]
    public async Task Unknown_filters_are_a_400_naming_the_parameter(string parameters, string field, string mentioned)
    {
        var response = await client.GetAsync("/api/directory/organisations" + parameters);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.Contains(mentioned, errors.GetProperty(field)[0].GetString());
    }

    private async Task<IReadOnlyList<string>> NamesAsync(string parameters, Person? who = null)
    {
        var response = await client.GetAsync("/api/directory/organisations" + parameters, who);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ReadJsonAsync();
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    /// <summary>Registers the network once per directory; returns an admin of one of its verified organisations.</summary>
    private Task<Person> NetworkAsync() => Networks.GetValue(directory, _ => RegisterNetworkAsync());

    private async Task<Person> RegisterNetworkAsync()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync();
        (string Name, string Kind, string Description, string[] Regions, string[] Topics, string[] Languages, string[] TargetGroups, bool Verify)[] network =
        [
            (WomensGroup, "mso", "Wir bieten gesundheitliche Aufklärung und Empowerment für Frauen.", ["berlin_neukoelln"], ["empowerment"], ["fa", "prs", "de"], ["women"], true),
            (HealthOffice, "service_provider", "Impfberatung und Schuleingangsuntersuchungen.", ["koeln_ehrenfeld"], ["health"], ["de", "tr"], ["families"], true),
            (PendingInitiative, "mso", "Gesundheit für alle.", ["berlin_lichtenberg"], ["health"], ["de"], ["families"], false),
            (EnglishNetwork, "mso", "We offer counselling and storytelling for Eritrean women.", ["online"], ["empowerment"], ["ti", "en"], ["women"], true),
            (CitizensOffice, "administration", "Meldewesen, Ausweise und Bescheinigungen.", ["berlin_lichtenberg"], ["citizen_services"], ["de"], ["third_country_nationals"], true),
            (NationalAssociation, "coordination", "Qualitätsstandards für Sprachmittlung.", ["nationwide"], ["language_mediation"], ["de", "ar"], ["migrant_organisations"], true),
            (HiddenCentre, "service_provider", "Gesundheit im Kiez.", ["berlin_mitte"], ["health"], ["de"], ["families"], true),
        ];
        foreach (var o in network)
        {
            var profile = OrganisationClient.Profile(
                o.Name, ("kind", o.Kind), ("description", o.Description), ("regions", o.Regions), ("topics", o.Topics), ("languages", o.Languages), ("targetGroups", o.TargetGroups));
            var id = o.Verify ? await client.RegisterVerifiedAsync(admin, coordinator, profile) : await client.RegisterAsync(admin, profile);
            if (o.Name == HiddenCentre)
            {
                // As a moderator's "hide" decision leaves it.
                await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
                await connection.ExecuteAsync("UPDATE organisations SET hidden_at = now(), hidden_reason = 'Werbung' WHERE id = @id", new { id });
            }
        }

        return admin;
    }
}
