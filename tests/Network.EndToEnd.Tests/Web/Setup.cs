using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Network.EndToEnd.Tests.Platform;

namespace Network.EndToEnd.Tests.Web;

/// <summary>What other people did before a journey begins, done through the API: the journeys themselves go through the browser.</summary>
public static class Setup
{
    /// <summary>A word no other test uses, so a search finds only this test's data.</summary>
    public static string UniqueWord() => "Q" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A new account registers an organisation, which the coordinator verifies.</summary>
    public static async Task<(Guid Id, string Email)> VerifiedOrganisationAsync(
        this PlatformFixture platform, string name, string kind, string description, string[] regions, string[] topics, string[] languages)
    {
        var email = PlatformClient.NewEmail(kind);
        var (signUp, _) = await platform.SignUpAsync(email, $"Ansprechperson {name}");
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var token = await platform.SignInAsync(email);
        var created = await platform.PostAsync(token, "/api/directory/organisations", new
        {
            name,
            kind,
            description,
            regions,
            topics,
            languages,
            targetGroups = new[] { "families" },
            website = "https://verein.example",
        });
        var id = created.GetProperty("id").GetGuid();
        await platform.VerifyAsync(id);
        return (id, email);
    }

    public static async Task VerifyAsync(this PlatformFixture platform, Guid organisationId)
    {
        var coordinator = await platform.SignInAsync(PlatformFixture.CoordinatorEmail, PlatformFixture.CoordinatorPassword);
        await platform.PostAsync(coordinator, $"/api/directory/organisations/{organisationId}/verification", new { decision = "verify" });
    }

    public static async Task<JsonElement> PostAsync(this PlatformFixture platform, string token, string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(platform.Gateway.BaseAddress, path)) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await platform.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
