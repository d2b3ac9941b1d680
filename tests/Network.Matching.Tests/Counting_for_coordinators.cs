using System.Globalization;
using System.Net;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

/// <summary>The statistics endpoint, on a database of its own so the counts are exactly this test's.</summary>
public sealed class Counting_for_coordinators(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    [Fact]
    public async Task Coordinators_see_listings_by_kind_topic_region_and_region_and_topic_and_the_months_activity()
    {
        var (first, second, third) = (await Verified(), await Verified(), await Verified());
        var offer = await api.ClientFor(first).PublishAsync(Listings.Draft(first, d => d["topics"] = new[] { "health" }));
        await api.ClientFor(second).PublishAsync(Listings.Draft(second, d => d["topics"] = new[] { "health" }));
        var request = await api.ClientFor(third).PublishAsync(Listings.Draft(third, d =>
        {
            d["kind"] = "request";
            d["topics"] = new[] { "health" };
        }));
        var held = await api.OrganisationAsync(OrganisationStatus.Pending);
        await api.ClientFor(held).PublishAsync(Listings.Draft(held));
        var suggestion = (await api.ClientFor(first).BetweenAsync(first, offer.Id(), request.Id()))!.Value.GetProperty("id").GetGuid();
        (await api.ClientFor(first).InterestAsync(suggestion, first)).Dispose();
        (await api.ClientFor(third).InterestAsync(suggestion, third)).Dispose();

        using var response = await api.CoordinatorClient().GetAsync("/api/matching/statistics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var statistics = await response.JsonAsync();
        var listed = statistics.GetProperty("listed");
        // The held listing is not listed, so not counted.
        Assert.Equal((2, 1), (listed.GetProperty("byKind").GetProperty("offers").GetInt32(), listed.GetProperty("byKind").GetProperty("requests").GetInt32()));
        var health = listed.GetProperty("byTopic").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "health");
        Assert.Equal((2, 1), (health.GetProperty("offers").GetInt32(), health.GetProperty("requests").GetInt32()));
        var lichtenberg = listed.GetProperty("byRegion").EnumerateArray().Single(t => t.GetProperty("code").GetString() == "berlin_lichtenberg");
        Assert.Equal(2, lichtenberg.GetProperty("offers").GetInt32());
        // Where offers are missing: each listing counts once per district and topic it names; a pair nobody names has no row.
        var cells = listed.GetProperty("byRegionAndTopic").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("region").GetString(), c.GetProperty("topic").GetString()), c => (c.GetProperty("offers").GetInt32(), c.GetProperty("requests").GetInt32()));
        Assert.Equal((2, 1), cells[("berlin_lichtenberg", "health")]);
        Assert.DoesNotContain(("berlin_lichtenberg", "education"), cells.Keys);
        var months = statistics.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        var thisMonth = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var now = months[^1];
        Assert.Equal(thisMonth, now.GetProperty("month").GetString());
        Assert.Equal(4, now.GetProperty("listingsPublished").GetInt32());
        Assert.Equal(2, now.GetProperty("suggestionsMade").GetInt32());
        Assert.Equal(2, now.GetProperty("interestShown").GetInt32());
        Assert.Equal(1, now.GetProperty("partnershipsFormed").GetInt32());
        Assert.Equal(0, months[0].GetProperty("listingsPublished").GetInt32());
    }

    [Fact]
    public async Task Only_coordinators_see_them_and_bad_months_are_refused()
    {
        using var member = await api.ClientFor(await Verified()).GetAsync("/api/matching/statistics");
        Assert.Equal(HttpStatusCode.Forbidden, member.StatusCode);

        using var badMonth = await api.CoordinatorClient().GetAsync("/api/matching/statistics?from=2026-13");
        Assert.Equal(["from"], await badMonth.ProblemFieldsAsync());
    }

    private Task<Guid> Verified() => api.OrganisationAsync(OrganisationStatus.Verified);
}
