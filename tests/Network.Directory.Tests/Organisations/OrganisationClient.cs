using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests.Organisations;

/// <summary>A signed-in person of a test: their account id, address and access token.</summary>
public sealed record Person(Guid Id, string Email, string Token);

/// <summary>The calls the organisation tests make on the way to what they test.</summary>
public static class OrganisationClient
{
    public const string CoordinatorEmail = "koordination@directory.test";
    public const string CoordinatorPassword = "directory-test-password";

    public static async Task<Person> NewPersonAsync(this HttpClient client, string name = "person")
    {
        var email = DirectoryClient.NewAddress(name);
        var id = await client.SignUpAsync(email);
        var token = (await client.SignInAsync(email)).GetProperty("accessToken").GetString()!;
        return new Person(id, email, token);
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DirectoryApiFactory, Task<Person>> SharedPeople = [];

    /// <summary>
    /// One person per directory under test, for tests where who registers does not matter: signing
    /// up costs two deliberately slow password hashes.
    /// </summary>
    public static Task<Person> SharedPersonAsync(this DirectoryApiFactory directory) =>
        SharedPeople.GetValue(directory, d => d.CreateClient().NewPersonAsync("shared"));

    public static async Task<Person> CoordinatorAsync(this HttpClient client)
    {
        var token = (await client.SignInAsync(CoordinatorEmail, CoordinatorPassword)).GetProperty("accessToken").GetString()!;
        return new Person(Guid.Empty, CoordinatorEmail, token);
    }

    /// <summary>A valid registration; override fields by passing them (null leaves a field out).</summary>
    public static Dictionary<string, object?> Profile(string name = "Vietnamesischer Elternverein Lichtenberg e.V.", params (string Field, object? Value)[] overrides)
    {
        var profile = new Dictionary<string, object?>
        {
            ["name"] = name,
            ["kind"] = "mso",
            ["description"] = "Wir beraten vietnamesische Familien zu Kita und Schule.",
            ["regions"] = new[] { "berlin_lichtenberg" },
            ["topics"] = new[] { "education" },
            ["languages"] = new[] { "vi", "de" },
            ["targetGroups"] = new[] { "families" },
            ["website"] = "https://elternverein.example",
            ["email"] = "kontakt@elternverein.example",
            ["phone"] = "+49 30 1234567",
            ["address"] = "Hauptstraße 1, 10365 Berlin",
            ["contactPersons"] = new[] { new { name = "Lan Nguyen", role = "Vorstand", email = "lan@elternverein.example", phone = (string?)null } },
        };
        foreach (var (field, value) in overrides)
        {
            if (value is null)
            {
                profile.Remove(field);
            }
            else
            {
                profile[field] = value;
            }
        }

        return profile;
    }

    /// <summary>Registers an organisation and returns its id.</summary>
    public static async Task<Guid> RegisterAsync(this HttpClient client, Person admin, object? profile = null)
    {
        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/organisations", admin.Token, profile ?? Profile());
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    public static async Task<Guid> RegisterVerifiedAsync(this HttpClient client, Person admin, Person coordinator, object? profile = null)
    {
        var id = await client.RegisterAsync(admin, profile);
        var verified = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{id}/verification", coordinator.Token, new { decision = "verify" });
        Assert.Equal(System.Net.HttpStatusCode.OK, verified.StatusCode);
        return id;
    }

    public static Task<HttpResponseMessage> GetAsync(this HttpClient client, string path, Person? who)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (who is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
        }

        return client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PatchAsync(this HttpClient client, Guid id, Person who, object body, string? ifMatch)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/directory/organisations/{id}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", who.Token);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static async Task<string> ETagOfAsync(this HttpClient client, Guid id, Person who)
    {
        var response = await client.GetAsync($"/api/directory/organisations/{id}", who);
        response.EnsureSuccessStatusCode();
        return response.Headers.ETag!.ToString();
    }

    /// <summary>The integration events the outbox holds about an organisation, oldest first.</summary>
    public static async Task<IReadOnlyList<(string Type, JsonElement Body)>> EventsAboutAsync(this DirectoryApiFactory directory, Guid organisationId)
    {
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var rows = await connection.QueryAsync<(string Type, string Body)>(
            "SELECT message_type, body::text FROM outbox_messages WHERE body->>'organisationId' = @id ORDER BY created_at, id",
            new { id = organisationId.ToString() });
        return rows.Select(r => (r.Type.Replace("Network.Contracts.Directory.", string.Empty, StringComparison.Ordinal), JsonDocument.Parse(r.Body).RootElement)).ToList();
    }
}
