using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Messaging.Tests.Support;

public static class Json
{
    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The fields a validation problem names.</summary>
    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        return problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
    }

    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> sending, HttpStatusCode status)
    {
        using var response = await sending;
        Assert.True(status == response.StatusCode, $"Expected {status}, got {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return response.Content.Headers.ContentLength == 0 ? default : await response.JsonAsync();
    }
}
