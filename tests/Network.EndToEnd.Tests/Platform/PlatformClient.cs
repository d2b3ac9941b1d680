using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.EndToEnd.Tests.Platform;

/// <summary>What a client of the public API does, always through the gateway.</summary>
public static class PlatformClient
{
    public const string Password = "correct horse battery staple";

    public static string NewEmail(string who) => $"{who}.{Guid.NewGuid():N}@e2e.network.test";

    public static async Task<(HttpResponseMessage Response, Guid AccountId)> SignUpAsync(this PlatformFixture platform, string email, string displayName = "Ayşe Demir", string locale = "de")
    {
        var response = await platform.Http.PostAsJsonAsync(
            new Uri(platform.Gateway.BaseAddress, "/api/directory/accounts"),
            new { email, password = Password, displayName, locale });
        if (!response.IsSuccessStatusCode)
        {
            return (response, Guid.Empty);
        }

        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response, body.RootElement.GetProperty("id").GetGuid());
    }

    public static async Task<string> SignInAsync(this PlatformFixture platform, string email, string password = Password)
    {
        var response = await platform.Http.PostAsJsonAsync(new Uri(platform.Gateway.BaseAddress, "/api/directory/auth/token"), new { email, password });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"sign-in failed: {(int)response.StatusCode} {text}");
        using var body = JsonDocument.Parse(text);
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpResponseMessage> GetAsync(this PlatformFixture platform, string path, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(platform.Gateway.BaseAddress, path));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await platform.Http.SendAsync(request);
    }

    public static async Task<JsonDocument> ReadProblemAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Polls until <paramref name="condition"/> holds; returns the last value either way.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> probe, Func<T, bool> condition, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var value = await probe();
            if (condition(value) || DateTime.UtcNow > deadline)
            {
                return value;
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
        }
    }
}
