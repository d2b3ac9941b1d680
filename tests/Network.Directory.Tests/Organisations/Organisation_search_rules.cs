using Network.Directory.Domain;

namespace Network.Directory.Tests.Organisations;

public sealed class Organisation_search_rules
{
    private static readonly Viewer Coordinator = new(Guid.NewGuid(), true, new Dictionary<Guid, MemberRole>(), false);

    [Fact]
    public void Words_are_letters_and_digits_so_no_query_syntax_gets_through() =>
        Assert.Equal(["gesundheit", "beratung", "10365", "o", "drop", "table"], OrganisationSearch.Words("Gesundheit & Beratung | 10365 !(o:*) ' DROP TABLE;"));

    [Fact]
    public void Words_keep_their_accents_and_scripts() =>
        Assert.Equal(["tiếng", "việt", "العربية", "हिन्दी"], OrganisationSearch.Words("Tiếng Việt, العربية; हिन्दी"));

    [Fact]
    public void The_public_searches_verified_organisations_that_are_not_hidden()
    {
        var (criteria, errors, forbidden) = Read(Viewer.Anonymous);

        Assert.Empty(errors);
        Assert.False(forbidden);
        Assert.Equal(OrganisationStatus.Verified, criteria!.Status);
        Assert.False(criteria.IncludeHidden);
        Assert.Equal(20, criteria.Limit);
    }

    [Fact]
    public void Only_coordinators_list_other_statuses()
    {
        Assert.True(Read(Viewer.Anonymous, status: "pending").Forbidden);
        var (criteria, _, forbidden) = Read(Coordinator, status: "pending");
        Assert.False(forbidden);
        Assert.Equal(OrganisationStatus.Pending, criteria!.Status);
        Assert.True(criteria.IncludeHidden);
    }

    [Fact]
    public void A_region_filter_is_widened_to_what_serves_it()
    {
        var (criteria, _, _) = Read(Viewer.Anonymous, regions: ["berlin"]);

        Assert.Contains("berlin_neukoelln", criteria!.Regions);
        Assert.Contains("nationwide", criteria.Regions);
    }

    [Fact]
    public void Unknown_codes_and_values_are_named()
    {
        var (criteria, errors, _) = Read(Viewer.Anonymous, kind: "charity", regions: ["atlantis"], topics: ["astrology"], languages: ["xx"], targetGroups: ["aliens"], status: "lost", limit: 500, cursor: "not-a-cursor");

        Assert.Null(criteria);
        Assert.Equal(["cursor", "kind", "language", "limit", "region", "status", "targetGroup", "topic"], errors.Keys.Order());
        Assert.Contains("atlantis", errors["region"].Single());
    }

    [Fact]
    public void Cursors_come_back_as_they_were_handed_out()
    {
        var byName = new OrganisationSearchCursor("Ärztenetz", Guid.NewGuid(), null);
        var byRank = new OrganisationSearchCursor(null, null, 40);

        Assert.Equal(byName, OrganisationSearchCursor.Decode(byName.Encode()));
        Assert.Equal(byRank, OrganisationSearchCursor.Decode(byRank.Encode()));
        Assert.Null(OrganisationSearchCursor.Decode("eyJ4IjoxfQ"));
        Assert.Null(OrganisationSearchCursor.Decode(new OrganisationSearchCursor("Null\0zeichen", Guid.NewGuid(), null).Encode()));
    }

    [Fact]
    public void A_cursor_of_one_ordering_is_refused_for_the_other()
    {
        var byName = new OrganisationSearchCursor("Verein", Guid.NewGuid(), null).Encode();

        Assert.Contains("cursor", Read(Viewer.Anonymous, query: "Gesundheit", cursor: byName).Errors.Keys);
        Assert.Empty(Read(Viewer.Anonymous, cursor: byName).Errors);
    }

    [Fact]
    public void A_search_text_longer_than_200_characters_is_refused() =>
        Assert.Contains("query", Read(Viewer.Anonymous, query: new string('a', 201)).Errors.Keys);

    private static (OrganisationSearchCriteria? Criteria, Dictionary<string, string[]> Errors, bool Forbidden) Read(
        Viewer viewer,
        string? query = null,
        string? kind = null,
        string[]? regions = null,
        string[]? topics = null,
        string[]? languages = null,
        string[]? targetGroups = null,
        string? status = null,
        int? limit = null,
        string? cursor = null) =>
        OrganisationSearch.Read(viewer, query, kind, regions, topics, languages, targetGroups, status, limit, cursor);
}
