using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Network.Web.Api;

namespace Network.Web.Tests;

/// <summary>The one place the API's explanations change language: the client the pages get from the app's services.</summary>
public sealed class NetworkApiTests
{
    [Fact]
    public async Task A_page_s_client_reads_the_API_s_problem_in_German()
    {
        const string Problem = """
            {"title":"The account could not be created.","status":400,
             "errors":{"password":["The password needs at least 12 characters."],"email":["A sentence no service sends."]}}
            """;
        var builder = WebApplication.CreateBuilder();
        builder.AddWebServices();
        builder.Services.AddHttpClient<NetworkApi>().ConfigurePrimaryHttpMessageHandler(() => new Answering(Problem));
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();

        // No request in flight: the page's language is German, the default.
        var result = await scope.ServiceProvider.GetRequiredService<NetworkApi>().SignUpAsync("a@example.org", "short", "A", "de");

        Assert.Equal(["Das Passwort braucht mindestens 12 Zeichen."], result.Errors["password"]);
        Assert.Equal(["A sentence no service sends."], result.Errors["email"]);
        Assert.Equal("Das Konto konnte nicht angelegt werden.", result.Detail);
    }

    private sealed class Answering(string problem) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.BadRequest)
            {
                Content = new StringContent(problem, Encoding.UTF8, "application/problem+json"),
            });
    }
}
