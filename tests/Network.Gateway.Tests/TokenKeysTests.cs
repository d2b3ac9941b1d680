using System.Net;
using System.Net.Http.Headers;
using Network.Gateway.Tests.Support;

namespace Network.Gateway.Tests;

public sealed class TokenKeysTests
{
    [Fact]
    public async Task Token_while_the_signing_keys_are_unreachable_is_a_503_problem_not_a_401()
    {
        var directory = await TestBackend.StartAsync("directory");
        await using var _ = directory;
        await using var gateway = GatewayFactory.For(new Dictionary<string, TestBackend> { ["directory"] = directory }, jwksFrom: null);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue("alice"));

        using var response = await client.SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable);
        Assert.Equal("Access tokens cannot be checked right now.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Token_signed_with_a_key_the_directory_never_published_is_a_401_problem()
    {
        var directory = await TestBackend.StartAsync("directory");
        await using var _ = directory;
        await using var gateway = GatewayFactory.For(new Dictionary<string, TestBackend> { ["directory"] = directory }, jwksFrom: directory);
        using var client = gateway.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue("alice", key: TestTokens.UnpublishedKey()));

        using var response = await client.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("signature key was not found", response.Headers.WwwAuthenticate.ToString());
        using var valid = new HttpRequestMessage(HttpMethod.Get, "/api/directory/me");
        valid.Headers.Authorization = new AuthenticationHeaderValue("Bearer", TestTokens.Issue("alice"));
        using var validResponse = await client.SendAsync(valid);
        Assert.Equal(HttpStatusCode.OK, validResponse.StatusCode);
    }
}
