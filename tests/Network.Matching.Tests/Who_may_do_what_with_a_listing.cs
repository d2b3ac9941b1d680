using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

public sealed class Who_may_do_what_with_a_listing(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    [Fact]
    public async Task Without_a_token_nothing_is_answered()
    {
        using var anonymous = api.CreateClient();

        using var list = await anonymous.GetAsync(Listings.Path);
        using var publish = await anonymous.PostAsJsonAsync(Listings.Path, Listings.Draft(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, publish.StatusCode);
    }

    [Fact]
    public async Task Only_members_publish_edit_and_withdraw_for_their_organisation()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var listing = await api.ClientFor(organisation).PublishAsync(Listings.Draft(organisation));
        var outsider = api.ClientFor(await api.OrganisationAsync(OrganisationStatus.Verified));
        var path = $"{Listings.Path}/{listing.Id()}";

        using var publish = await outsider.PostAsJsonAsync(Listings.Path, Listings.Draft(organisation));
        using var edit = await outsider.SendAsync(new HttpRequestMessage(HttpMethod.Patch, path)
        {
            Content = JsonContent.Create(new { title = "Übernommen" }),
            Headers = { IfMatch = { EntityTagHeaderValue.Parse("\"1\"") } },
        });
        using var withdraw = await outsider.DeleteAsync(path);
        using var coordinatorPublish = await api.CoordinatorClient().PostAsJsonAsync(Listings.Path, Listings.Draft(organisation));

        Assert.Equal(HttpStatusCode.Forbidden, publish.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withdraw.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, coordinatorPublish.StatusCode);
        Assert.Equal("application/problem+json", publish.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData(OrganisationStatus.Pending)]
    [InlineData(OrganisationStatus.Rejected)]
    [InlineData(OrganisationStatus.Suspended)]
    public async Task Listings_of_an_organisation_that_is_not_verified_are_held(OrganisationStatus status)
    {
        var organisation = await api.OrganisationAsync(status);
        var member = api.ClientFor(organisation);
        var listing = await member.PublishAsync(Listings.Draft(organisation));
        var outsider = api.ClientFor();

        Assert.True(listing.GetProperty("held").GetBoolean());
        Assert.DoesNotContain(listing.Id(), await outsider.SearchAsync($"organisationId={organisation}"));
        using var read = await outsider.GetAsync($"{Listings.Path}/{listing.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        // Its own members still see it, and the coordinators.
        Assert.Contains(listing.Id(), await member.SearchAsync($"organisationId={organisation}"));
        Assert.Contains(listing.Id(), await api.CoordinatorClient().SearchAsync($"organisationId={organisation}"));
    }

    [Fact]
    public async Task A_listing_published_before_the_directory_told_us_of_its_organisation_is_held_until_verification()
    {
        var organisation = Guid.NewGuid();
        var listing = await api.ClientFor(organisation).PublishAsync(Listings.Draft(organisation));
        var outsider = api.ClientFor();
        Assert.DoesNotContain(listing.Id(), await outsider.SearchAsync($"organisationId={organisation}"));

        await api.SetStatusAsync(organisation, OrganisationStatus.Verified);

        Assert.Contains(listing.Id(), await outsider.SearchAsync($"organisationId={organisation}"));
        await api.SetStatusAsync(organisation, OrganisationStatus.Suspended);
        Assert.DoesNotContain(listing.Id(), await outsider.SearchAsync($"organisationId={organisation}"));
    }

    [Fact]
    public async Task A_listing_hidden_by_a_coordinator_leaves_the_list_but_not_its_organisation()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var listing = await member.PublishAsync(Listings.Draft(organisation));
        var outsider = api.ClientFor();
        Assert.Contains(listing.Id(), await outsider.SearchAsync($"organisationId={organisation}"));

        using var decision = await api.CoordinatorClient().PostAsJsonAsync("/api/matching/moderation/decisions", new
        {
            contentType = "listing",
            contentId = listing.Id(),
            decision = "hide",
            reason = "Enthält private Telefonnummern.",
        });

        Assert.Equal(HttpStatusCode.Created, decision.StatusCode);
        Assert.DoesNotContain(listing.Id(), await outsider.SearchAsync($"organisationId={organisation}"));
        using var hidden = await outsider.GetAsync($"{Listings.Path}/{listing.Id()}");
        Assert.Equal(HttpStatusCode.NotFound, hidden.StatusCode);
        using var own = await member.GetAsync($"{Listings.Path}/{listing.Id()}");
        var seen = await own.JsonAsync();
        Assert.True(seen.GetProperty("hidden").GetBoolean());
        Assert.Equal("Enthält private Telefonnummern.", seen.GetProperty("hiddenReason").GetString());
    }
}
