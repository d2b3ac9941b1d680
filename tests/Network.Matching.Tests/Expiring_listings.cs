using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

/// <summary>The expiry job (Data/ListingExpiry.cs), run pass by pass as its scheduler would run it.</summary>
public sealed class Expiring_listings(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    [Fact]
    public async Task The_organisation_is_reminded_once_a_week_before_and_again_after_a_new_end_date()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var soon = await member.PublishAsync(Listings.Draft(organisation, d => d["validUntil"] = DateTimeOffset.UtcNow.AddDays(3)));
        var later = await member.PublishAsync(Listings.Draft(organisation, d => d["validUntil"] = DateTimeOffset.UtcNow.AddDays(30)));

        await RunExpiryAsync();
        await RunExpiryAsync();

        Assert.Equal(1, await api.OutboxCountAsync("ListingExpiryApproaching", "listingId", soon.Id()));
        Assert.Equal(0, await api.OutboxCountAsync("ListingExpiryApproaching", "listingId", later.Id()));

        using var extend = new HttpRequestMessage(HttpMethod.Patch, $"{Listings.Path}/{soon.Id()}")
        {
            Content = JsonContent.Create(new { validUntil = DateTimeOffset.UtcNow.AddDays(5) }),
        };
        extend.Headers.IfMatch.Add(new EntityTagHeaderValue("\"1\""));
        using (var extended = await member.SendAsync(extend))
        {
            Assert.Equal(HttpStatusCode.OK, extended.StatusCode);
        }

        await RunExpiryAsync();
        Assert.Equal(2, await api.OutboxCountAsync("ListingExpiryApproaching", "listingId", soon.Id()));
    }

    [Fact]
    public async Task An_expired_listing_closes_its_suggestions_once()
    {
        var (offerOrganisation, requestOrganisation) = (await api.OrganisationAsync(OrganisationStatus.Verified), await api.OrganisationAsync(OrganisationStatus.Verified));
        var offer = await api.ClientFor(offerOrganisation).PublishAsync(Listings.Draft(offerOrganisation, d => d["regions"] = new[] { "koeln_ehrenfeld" }));
        var request = await api.ClientFor(requestOrganisation).PublishAsync(Listings.Draft(requestOrganisation, d =>
        {
            d["kind"] = "request";
            d["regions"] = new[] { "koeln_ehrenfeld" };
        }));
        var suggestion = await api.ClientFor(requestOrganisation).BetweenAsync(requestOrganisation, offer.Id(), request.Id());
        var id = suggestion!.Value.GetProperty("id").GetGuid();

        // Time passes: the request's end date is behind us (the API takes only future dates).
        await using (var connection = await api.OpenConnectionAsync())
        {
            await connection.ExecuteAsync("UPDATE listings SET valid_until = now() - interval '1 minute' WHERE id = @id", new { id = request.Id() });
        }

        await RunExpiryAsync();
        await RunExpiryAsync();

        var closed = await api.ClientFor(offerOrganisation).GetSuggestionAsync(id);
        Assert.Equal(("closed", "expired"), (closed.Status(), closed.GetProperty("closedReason").GetString()));
        Assert.Equal(1, await api.OutboxCountAsync("ListingExpired", "listingId", request.Id()));
        Assert.Equal(1, await api.OutboxCountAsync("SuggestionClosed", "suggestionId", id));
        Assert.DoesNotContain(request.Id(), await api.ClientFor(offerOrganisation).SearchAsync("kind=request"));
    }

    [Fact]
    public async Task Two_passes_at_once_remind_each_listing_once()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var ids = new List<Guid>();
        for (var i = 0; i < 30; i++)
        {
            ids.Add((await member.PublishAsync(Listings.Draft(organisation, d => d["validUntil"] = DateTimeOffset.UtcNow.AddDays(2)))).Id());
        }

        await Task.WhenAll(RunExpiryAsync(), RunExpiryAsync(), RunExpiryAsync());

        foreach (var id in ids)
        {
            Assert.Equal(1, await api.OutboxCountAsync("ListingExpiryApproaching", "listingId", id));
        }
    }

    /// <summary>One pass of the job; a separate instance per call, as a second replica of the service would run it.</summary>
    private Task<int> RunExpiryAsync() => ActivatorUtilities.CreateInstance<ListingExpiry>(api.Services).RunOnceAsync(CancellationToken.None);
}
