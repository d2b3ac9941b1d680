using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Dapper;
using Network.Matching.Domain;
using Network.Matching.Tests.Support;

namespace Network.Matching.Tests;

public sealed class Publishing_and_editing_listings(MatchingApiFactory api) : IClassFixture<MatchingApiFactory>
{
    [Fact]
    public async Task A_member_publishes_a_listing_and_reads_it_back_with_its_version()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);

        using var created = await member.PostAsJsonAsync(Listings.Path, Listings.Draft(organisation));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        var listing = await created.JsonAsync();
        Assert.Equal($"/api/matching/listings/{listing.Id()}", created.Headers.Location?.OriginalString);
        Assert.Equal("offer", listing.GetProperty("kind").GetString());
        Assert.Equal("active", listing.GetProperty("status").GetString());
        Assert.Equal("in_person", listing.GetProperty("format").GetString());
        Assert.False(listing.GetProperty("held").GetBoolean());

        using var read = await api.ClientFor().GetAsync($"{Listings.Path}/{listing.Id()}");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        var seen = await read.JsonAsync();
        Assert.Equal("Sprachmittlung für Elterngespräche", seen.GetProperty("title").GetString());
        // Whether it is held or hidden is the organisation's business.
        Assert.Equal(System.Text.Json.JsonValueKind.Null, seen.GetProperty("held").ValueKind);
    }

    [Fact]
    public async Task Editing_needs_the_current_version()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var listing = await member.PublishAsync(Listings.Draft(organisation));
        var path = $"{Listings.Path}/{listing.Id()}";

        using var withoutVersion = await member.PatchAsJsonAsync(path, new { title = "Sprachmittlung in Schulen" });
        Assert.Equal((HttpStatusCode)428, withoutVersion.StatusCode);

        using var edited = await member.SendAsync(Patch(path, new { title = "Sprachmittlung in Schulen", validUntil = (DateTimeOffset?)null }, "\"1\""));
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        Assert.Equal("\"2\"", edited.Headers.ETag?.Tag);
        var changed = await edited.JsonAsync();
        Assert.Equal("Sprachmittlung in Schulen", changed.GetProperty("title").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, changed.GetProperty("validUntil").ValueKind);
        // Fields left out stay as they were.
        Assert.Equal("in_person", changed.GetProperty("format").GetString());

        using var stale = await member.SendAsync(Patch(path, new { title = "Noch einmal anders" }, "\"1\""));
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
    }

    [Fact]
    public async Task Withdrawing_takes_the_listing_out_of_the_list()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var listing = await member.PublishAsync(Listings.Draft(organisation));

        using var withdrawn = await member.DeleteAsync($"{Listings.Path}/{listing.Id()}");

        Assert.Equal(HttpStatusCode.NoContent, withdrawn.StatusCode);
        Assert.DoesNotContain(listing.Id(), await api.ClientFor().SearchAsync($"organisationId={organisation}"));
        using var read = await member.GetAsync($"{Listings.Path}/{listing.Id()}");
        Assert.Equal("withdrawn", (await read.JsonAsync()).GetProperty("status").GetString());
        using var again = await member.DeleteAsync($"{Listings.Path}/{listing.Id()}");
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
    }

    [Fact]
    public async Task Each_change_writes_its_event_to_the_outbox_once()
    {
        var organisation = await api.OrganisationAsync(OrganisationStatus.Verified);
        var member = api.ClientFor(organisation);
        var listing = await member.PublishAsync(Listings.Draft(organisation));
        var path = $"{Listings.Path}/{listing.Id()}";
        using var edited = await member.SendAsync(Patch(path, new { description = "Auch am Wochenende." }, "\"1\""));
        using var withdrawn = await member.DeleteAsync(path);
        using var withdrawnAgain = await member.DeleteAsync(path);

        await using var connection = await api.OpenConnectionAsync();
        var types = (await connection.QueryAsync<string>(
            "SELECT message_type FROM outbox_messages WHERE body->>'listingId' = @id ORDER BY created_at, id",
            new { id = listing.Id().ToString() })).ToList();
        Assert.Equal(
            ["Network.Contracts.Matching.ListingPublished", "Network.Contracts.Matching.ListingUpdated", "Network.Contracts.Matching.ListingWithdrawn"],
            types);
    }

    [Fact]
    public async Task The_api_document_describes_the_listings()
    {
        using var response = await api.CreateClient().GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var paths = (await response.JsonAsync()).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/matching/listings", out _));
        Assert.True(paths.TryGetProperty("/api/matching/listings/{id}", out _));
    }

    private static HttpRequestMessage Patch(string path, object body, string ifMatch)
    {
        var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return request;
    }
}
