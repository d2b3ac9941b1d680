using System.Net.Http.Json;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

public sealed class Refusing_bad_listings(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    public static TheoryData<string, object?, string> BadFields => new()
    {
        { "topics", new[] { "health", "astrology" }, "topics" },
        { "languages", new[] { "klingon" }, "languages" },
        { "regions", new[] { "atlantis" }, "regions" },
        { "targetGroups", new[] { "everyone" }, "targetGroups" },
        { "topics", Array.Empty<string>(), "topics" },
        { "title", "", "title" },
        { "title", "ab", "title" },
        { "title", new string('x', 201), "title" },
        { "description", new string('x', 5_001), "description" },
        { "kind", "gift", "kind" },
        { "kind", null, "kind" },
        { "format", "telepathic", "format" },
        { "validUntil", DateTimeOffset.UtcNow.AddDays(-1), "validUntil" },
        { "organisationId", "not-a-uuid", "organisationId" },
        { "colour", "blue", "colour" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task A_bad_field_is_a_400_that_names_it(string field, object? value, string named)
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);

        using var response = await api.ClientFor(organisation).PostAsJsonAsync(Listings.Path, Listings.Draft(organisation, draft => draft[field] = value));

        Assert.Contains(named, await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task The_unknown_code_is_named_in_the_message()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);

        using var response = await api.ClientFor(organisation).PostAsJsonAsync(
            Listings.Path, Listings.Draft(organisation, draft => draft["topics"] = new[] { "astrology" }));

        var problem = await response.JsonAsync();
        Assert.Contains("astrology", problem.GetProperty("errors").GetProperty("topics")[0].GetString());
    }

    [Fact]
    public async Task A_bad_edit_is_refused_field_by_field_and_changes_nothing()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var listing = await member.PublishAsync(Listings.Draft(organisation));

        using var response = await member.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{Listings.Path}/{listing.Id()}")
        {
            Content = JsonContent.Create(new { title = " ", regions = new[] { "atlantis" }, format = "telepathic" }),
            Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
        });

        Assert.Contains("format", await response.ProblemFieldsAsync());
        using var fieldErrors = await member.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{Listings.Path}/{listing.Id()}")
        {
            Content = JsonContent.Create(new { title = " ", regions = new[] { "atlantis" } }),
            Headers = { IfMatch = { new System.Net.Http.Headers.EntityTagHeaderValue("\"1\"") } },
        });
        Assert.Equal(["title", "regions"], await fieldErrors.ProblemFieldsAsync());
        using var read = await member.GetAsync($"{Listings.Path}/{listing.Id()}");
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
    }

    [Theory]
    [InlineData("kind=gift", "kind")]
    [InlineData("topic=astrology", "topic")]
    [InlineData("region=atlantis", "region")]
    [InlineData("language=klingon", "language")]
    [InlineData("targetGroup=everyone", "targetGroup")]
    [InlineData("limit=0", "limit")]
    [InlineData("cursor=nonsense", "cursor")]
    public async Task A_bad_search_parameter_is_a_400_that_names_it(string queryString, string named)
    {
        using var response = await api.ClientFor().GetAsync($"{Listings.Path}?{queryString}");

        Assert.Contains(named, await response.ProblemFieldsAsync());
    }
}
