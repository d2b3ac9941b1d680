using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Directory.Tests;

/// <summary>The calls most tests make on the way to what they test.</summary>
public static class DirectoryClient
{
    public const string Password = "a long passphrase";

    public static string NewAddress(string name = "person") => $"{name}.{Guid.NewGuid():N}@verein.de";

    /// <summary>Signs up and returns the new account's id.</summary>
    public static async Task<Guid> SignUpAsync(this HttpClient client, string email, string locale = "de", string password = Password)
    {
        var response = await client.PostAsJsonAsync("/api/directory/accounts", new { email, password, displayName = "Lan", locale });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    public static Task<HttpResponseMessage> RequestTokenAsync(this HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/directory/auth/token", new { email, password });

    public static Task<HttpResponseMessage> RefreshAsync(this HttpClient client, string refreshToken) =>
        client.PostAsJsonAsync("/api/directory/auth/token", new { refreshToken });

    /// <summary>Signs in with the password; the answer's accessToken, refreshToken and expiresIn.</summary>
    public static async Task<JsonElement> SignInAsync(this HttpClient client, string email, string password = Password)
    {
        var response = await client.RequestTokenAsync(email, password);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, string accessToken, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request);
    }

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>The fields a validation problem names.</summary>
    public static async Task<IReadOnlyList<string>> ErrorFieldsAsync(this HttpResponseMessage response) =>
        (await response.ReadJsonAsync()).GetProperty("errors").EnumerateObject().Select(field => field.Name).ToList();
}
