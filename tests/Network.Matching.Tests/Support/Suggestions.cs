using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Matching.Tests.Support;

/// <summary>Requests of the suggestions API as a client sends them.</summary>
public static class Suggestions
{
    public const string Path = "/api/matching/suggestions";

    /// <summary>
    /// The suggestion between an offer and a request among an organisation's suggestions (any status),
    /// or null. Tests of one class share a database, so they look for their own pair, not at counts.
    /// </summary>
    public static async Task<JsonElement?> BetweenAsync(this HttpClient client, Guid organisationId, Guid offerId, Guid requestId)
    {
        using var response = await client.GetAsync($"{Path}?organisationId={organisationId}&status=all&limit=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.JsonAsync();
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("offer").GetProperty("listingId").GetGuid() == offerId
                && item.GetProperty("request").GetProperty("listingId").GetGuid() == requestId)
            {
                return item;
            }
        }

        return null;
    }

    public static async Task<JsonElement> GetSuggestionAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Path}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static Task<HttpResponseMessage> InterestAsync(this HttpClient client, Guid suggestionId, Guid organisationId) =>
        client.PostAsJsonAsync($"{Path}/{suggestionId}/interest", new { organisationId });

    public static Task<HttpResponseMessage> DeclineAsync(this HttpClient client, Guid suggestionId, Guid organisationId, string? reason) =>
        client.PostAsJsonAsync($"{Path}/{suggestionId}/decline", new { organisationId, reason });

    public static string Status(this JsonElement suggestion) => suggestion.GetProperty("status").GetString()!;

    public static IReadOnlyList<string> ReasonCodes(this JsonElement suggestion) =>
        suggestion.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()!).ToList();
}
