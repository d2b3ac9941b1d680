using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Network.EndToEnd.Tests.Platform;

namespace Network.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class Bad_input_gets_a_problem_document(PlatformFixture platform)
{
    [Theory]
    [InlineData("gateway")]
    [InlineData("directory")]
    public async Task An_oversized_body_is_a_413(string target)
    {
        var body = "{\"email\":\"" + new string('a', 2 * 1024 * 1024) + "\"}";
        var response = await PostRawAsync(platform[target].BaseAddress, "/api/directory/accounts", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var problem = await response.ReadProblemAsync();
        Assert.Equal(413, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Theory]
    [InlineData("/api/nowhere/at-all")]
    [InlineData("/api/directory/no-such-resource")]
    public async Task An_unknown_route_is_a_404_problem(string path)
    {
        var response = await platform.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var problem = await response.ReadProblemAsync();
        Assert.Equal(404, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(response.Headers.Contains("traceresponse"));
    }

    [Theory]
    [InlineData("{\"email\": \"a@b.de\", ", "body")]
    [InlineData("{\"email\": 42, \"password\": \"x\", \"displayName\": \"x\", \"locale\": \"de\"}", "email")]
    [InlineData("{\"email\": \"a@b.de\", \"pasword\": \"typo in the name\"}", "pasword")]
    public async Task Malformed_json_is_a_400_that_names_the_fault(string body, string field)
    {
        var response = await PostRawAsync(platform.Gateway.BaseAddress, "/api/directory/accounts", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await response.ReadProblemAsync();
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out var messages), problem.RootElement.ToString());
        Assert.NotEmpty(messages.EnumerateArray().Single().GetString()!);
    }

    [Fact]
    public async Task Invalid_sign_up_names_every_field_at_fault_and_creates_nothing()
    {
        var response = await PostRawAsync(platform.Gateway.BaseAddress, "/api/directory/accounts",
            "{\"email\": \"not-an-address\", \"password\": \"short\", \"displayName\": \"\", \"locale\": \"fr\"}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = await response.ReadProblemAsync();
        var errors = problem.RootElement.GetProperty("errors");
        foreach (var field in new[] { "email", "password", "displayName", "locale" })
        {
            Assert.True(errors.TryGetProperty(field, out _), $"no error for {field}: {errors}");
        }
    }

    [Fact]
    public async Task A_second_sign_up_with_the_same_address_is_a_409()
    {
        var email = PlatformClient.NewEmail("twice");
        var (first, _) = await platform.SignUpAsync(email);
        var (second, _) = await platform.SignUpAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        using var problem = await second.ReadProblemAsync();
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("email", out _));
    }

    [Fact]
    public async Task A_forged_token_is_refused_with_401_and_a_real_one_is_accepted()
    {
        var token = await platform.SignInAsync(PlatformFixture.CoordinatorEmail, PlatformFixture.CoordinatorPassword);
        var forged = token[..^4] + (token.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");

        var accepted = await platform.GetAsync("/api/directory/me", token);
        var refused = await platform.GetAsync("/api/directory/me", forged);
        var anonymous = await platform.GetAsync("/api/directory/me");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Contains("coordinator", await accepted.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    private async Task<HttpResponseMessage> PostRawAsync(Uri baseAddress, string path, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await platform.Http.PostAsync(new Uri(baseAddress, path), content);
    }
}
