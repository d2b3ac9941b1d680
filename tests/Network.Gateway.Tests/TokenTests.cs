using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

[Collection(nameof(Platform))]
public sealed class TokenTests(Platform platform)
{
    public static TheoryData<string> InvalidTokens() => new()
    {
        "not-a-jwt",
        TestTokens.Issue("alice", lifetime: TimeSpan.FromMinutes(-5)),
        TestTokens.Issue("alice", key: TestTokens.ForeignKey()),
    };

    [Theory]
    [MemberData(nameof(InvalidTokens))]
    public async Task Invalid_bearer_token_is_a_401_problem(string token)
    {
        using var client = platform.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The access token is not valid.", problem.GetProperty("title").GetString());
        Assert.StartsWith("Bearer", response.Headers.WwwAuthenticate.ToString());
        response.AssertTraceResponse();
    }

    [Fact]
    public async Task Requests_without_a_token_pass_through_to_the_service()
    {
        using var client = platform.Client();

        using var response = await client.GetAsync("/api/directory/taxonomy");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var echo = await response.Content.ReadFromJsonAsync<Echo>();
        Assert.False(echo!.Headers.ContainsKey("authorization"));
    }
}
