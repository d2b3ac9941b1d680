using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Gateway.Tests.Support;

public static class ResponseAssertions
{
    /// <summary>The response is a problem document with this status; returns it for further checks.</summary>
    public static async Task<JsonElement> AssertProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>A W3C-shaped `traceresponse`: version, 32 hex trace id, 16 hex span id, flags.</summary>
    public static string AssertTraceResponse(this HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("traceresponse", out var values), $"no traceresponse header on a {(int)response.StatusCode}");
        var value = Assert.Single(values);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", value);
        return value;
    }

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
