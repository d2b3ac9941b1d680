using Dapper;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

public sealed class Searching_listings(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    [Fact]
    public async Task Words_are_found_by_their_stem_in_German_and_English()
    {
        var (reader, organisation, listings) = await PublishTheExamplesAsync();

        Assert.Equal([listings.Health], await reader.SearchAsync($"organisationId={organisation}&query=Gesundheit"));
        Assert.Equal([listings.Health], await reader.SearchAsync($"organisationId={organisation}&query=Familie"));
        Assert.Equal([listings.Interpreting], await reader.SearchAsync($"organisationId={organisation}&query=interpreters"));
        Assert.Equal([listings.Housing], await reader.SearchAsync($"organisationId={organisation}&query=Wohnung%20K%C3%B6ln"));
        Assert.Empty(await reader.SearchAsync($"organisationId={organisation}&query=Astrologie"));
    }

    [Fact]
    public async Task The_codes_labels_are_searchable_too()
    {
        var (reader, organisation, listings) = await PublishTheExamplesAsync();

        // "Türkisch" is only the label of the language code tr.
        Assert.Equal([listings.Housing], await reader.SearchAsync($"organisationId={organisation}&query=T%C3%BCrkisch"));
    }

    [Fact]
    public async Task A_match_in_the_title_ranks_before_one_in_the_description()
    {
        var (reader, organisation, listings) = await PublishTheExamplesAsync();

        Assert.Equal([listings.Interpreting, listings.Health], await reader.SearchAsync($"organisationId={organisation}&query=Dolmetschen"));
    }

    [Fact]
    public async Task Filters_narrow_the_list()
    {
        var (reader, organisation, listings) = await PublishTheExamplesAsync();
        var all = $"organisationId={organisation}";

        Assert.Equal([listings.Interpreting], await reader.SearchAsync($"{all}&kind=request"));
        Assert.Equal([listings.Housing], await reader.SearchAsync($"{all}&topic=housing"));
        Assert.Equal([listings.Housing], await reader.SearchAsync($"{all}&language=tr"));
        Assert.Equal([listings.Health], await reader.SearchAsync($"{all}&targetGroup=families"));
        // A district finds what is there and what covers its whole city; another city's listing is out.
        Assert.Equal([listings.Interpreting, listings.Health], await reader.SearchAsync($"{all}&region=berlin_lichtenberg"));
        Assert.Equal([listings.Housing, listings.Health], await reader.SearchAsync($"{all}&topic=housing&topic=health"));
        Assert.Empty(await reader.SearchAsync($"organisationId={Guid.NewGuid()}"));
    }

    [Fact]
    public async Task Pages_follow_one_another_newest_first()
    {
        var (reader, organisation, listings) = await PublishTheExamplesAsync();

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            using var response = await reader.GetAsync($"{Listings.Path}?organisationId={organisation}&limit=1" + (cursor is null ? "" : $"&cursor={cursor}"));
            var page = await response.JsonAsync();
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(item => item.Id()));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal([listings.Housing, listings.Interpreting, listings.Health], seen);
    }

    [Fact]
    public async Task Pages_by_relevance_follow_one_another_too()
    {
        var (reader, organisation, listings) = await PublishTheExamplesAsync();

        using var first = await reader.GetAsync($"{Listings.Path}?organisationId={organisation}&query=Dolmetschen&limit=1");
        var firstPage = await first.JsonAsync();
        var cursor = firstPage.GetProperty("nextCursor").GetString();
        using var second = await reader.GetAsync($"{Listings.Path}?organisationId={organisation}&query=Dolmetschen&limit=1&cursor={cursor}");
        var secondPage = await second.JsonAsync();

        Assert.Equal(listings.Interpreting, firstPage.GetProperty("items")[0].Id());
        Assert.Equal(listings.Health, secondPage.GetProperty("items")[0].Id());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, secondPage.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_common_word_ranks_its_newest_matches_then_lists_the_older_ones_newest_first()
    {
        // One more match than is ranked, all with the word in the description (equal rank), newest first
        // by position; one of the ranked has it in the title too, and the oldest, beyond the ranked
        // ones, has it twice in the title: ranking every match would put that one first.
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var count = ListingSearch.RankedMatches + 1;
        var titled = 300;
        var ids = Enumerable.Range(0, count).Select(_ => Guid.NewGuid()).ToArray();
        var titles = Enumerable.Range(0, count).Select(i => i == titled ? "Zeltlager für Jugendliche" : i == count - 1 ? "Zeltlager und Zeltlager" : $"Angebot {i}").ToArray();
        await using (var connection = await api.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO listings (id, organisation_id, kind, status, title, description, topics, languages, regions, format, created_at, updated_at)
                SELECT id, @organisation, 'offer', 'active', title, 'Ein Zeltlager im Sommer.', '{education}', '{de}', '{berlin}', 'in_person',
                       now() - position * interval '1 minute', now() - position * interval '1 minute'
                FROM unnest(@ids, @titles) WITH ORDINALITY AS listing(id, title, position)
                """,
                new { organisation, ids, titles });
        }

        var reader = api.ClientFor();
        var search = $"organisationId={organisation}&query=Zeltlager";

        Assert.Equal([ids[titled], ids[0], ids[1]], await reader.SearchAsync($"{search}&limit=3"));
        using var last = await reader.GetAsync($"{Listings.Path}?{search}&limit=2&cursor={ListingSearch.EncodeOffset(count - 2)}");
        var lastPage = await last.JsonAsync();
        Assert.Equal([ids[count - 2], ids[count - 1]], lastPage.GetProperty("items").EnumerateArray().Select(item => item.Id()));
        Assert.Equal(System.Text.Json.JsonValueKind.Null, lastPage.GetProperty("nextCursor").ValueKind);
    }

    private async Task<(HttpClient Reader, Guid Organisation, (Guid Health, Guid Interpreting, Guid Housing) Listings)> PublishTheExamplesAsync()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var health = await member.PublishAsync(Listings.Draft(organisation, draft =>
        {
            draft["title"] = "Gesundheitliche Aufklärung für Familien";
            draft["description"] = "Workshops zu Vorsorge und Impfungen; wir dolmetschen bei Bedarf.";
            draft["topics"] = new[] { "health" };
            draft["languages"] = new[] { "vi" };
            draft["targetGroups"] = new[] { "families" };
        }));
        var interpreting = await member.PublishAsync(Listings.Draft(organisation, draft =>
        {
            draft["kind"] = "request";
            draft["title"] = "Dolmetschen: interpreting for our counselling sessions";
            draft["description"] = "We are looking for community interpreting partners.";
            draft["topics"] = new[] { "language_mediation" };
            draft["languages"] = new[] { "en" };
            draft["regions"] = new[] { "berlin" };
            draft["targetGroups"] = Array.Empty<string>();
            draft["format"] = "online";
        }));
        var housing = await member.PublishAsync(Listings.Draft(organisation, draft =>
        {
            draft["title"] = "Begleitung bei der Wohnungssuche";
            draft["description"] = "Wir begleiten Neuzugewanderte zu Besichtigungen.";
            draft["topics"] = new[] { "housing" };
            draft["languages"] = new[] { "tr" };
            draft["regions"] = new[] { "koeln_kalk" };
            draft["targetGroups"] = new[] { "newcomers" };
        }));
        return (api.ClientFor(), organisation, (health.Id(), interpreting.Id(), housing.Id()));
    }
}
