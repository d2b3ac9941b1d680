using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Matching.Tests.Support;

/// <summary>Requests of the listings API as a client sends them, as plain JSON.</summary>
public static class Listings
{
    public const string Path = "/api/matching/listings";

    /// <summary>A valid listing of <paramref name="organisationId"/>; <paramref name="change"/> adjusts the fields.</summary>
    public static Dictionary<string, object?> Draft(Guid organisationId, Action<Dictionary<string, object?>>? change = null)
    {
        var draft = new Dictionary<string, object?>
        {
            ["organisationId"] = organisationId,
            ["kind"] = "offer",
            ["title"] = "Sprachmittlung für Elterngespräche",
            ["description"] = "Wir dolmetschen Gespräche zwischen Schulen und vietnamesischsprachigen Familien.",
            ["topics"] = new[] { "language_mediation", "education" },
            ["languages"] = new[] { "vi", "de" },
            ["regions"] = new[] { "berlin_lichtenberg" },
            ["targetGroups"] = new[] { "families" },
            ["format"] = "in_person",
            ["validUntil"] = DateTimeOffset.UtcNow.AddMonths(3),
        };
        change?.Invoke(draft);
        return draft;
    }

    public static async Task<JsonElement> PublishAsync(this HttpClient client, Dictionary<string, object?> draft)
    {
        using var response = await client.PostAsJsonAsync(Path, draft);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The ids of the listings a search returns, in its order.</summary>
    public static async Task<List<Guid>> SearchAsync(this HttpClient client, string queryString)
    {
        using var response = await client.GetAsync($"{Path}?{queryString}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.JsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetGuid()).ToList();
    }

    public static Guid Id(this JsonElement listing) => listing.GetProperty("id").GetGuid();

    /// <summary>The fields a validation problem names.</summary>
    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
    }
}
