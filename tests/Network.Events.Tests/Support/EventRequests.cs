using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Network.Events.Tests.Support;

/// <summary>Requests of the events API as a client sends them, as plain JSON.</summary>
public static class EventRequests
{
    public const string Path = "/api/events/events";

    /// <summary>
    /// A valid workshop of <paramref name="organiser"/> with <paramref name="sessions"/> weekly sessions,
    /// the first a week after <paramref name="now"/>; <paramref name="change"/> adjusts the fields.
    /// </summary>
    public static Dictionary<string, object?> Draft(Guid organiser, DateTimeOffset now, int sessions = 1, Action<Dictionary<string, object?>>? change = null)
    {
        var first = now.AddDays(7);
        var draft = new Dictionary<string, object?>
        {
            ["organiserOrganisationId"] = organiser,
            ["kind"] = sessions > 1 ? "training_series" : "workshop",
            ["title"] = "Migrationsrecht für Beratende",
            ["description"] = "Ein rechtlicher Überblick über den Aufenthaltsstatus von Drittstaatsangehörigen.",
            ["topics"] = new[] { "migration_law" },
            ["regions"] = new[] { "berlin_lichtenberg" },
            ["languages"] = new[] { "de" },
            ["sessions"] = Enumerable.Range(0, sessions).Select(i => Session(first.AddDays(7 * i), $"Modul {i + 1}")).ToList(),
            ["capacity"] = 20,
            ["registrationDeadline"] = Iso(now.AddDays(6)),
            ["visibility"] = "public",
        };
        change?.Invoke(draft);
        return draft;
    }

    public static Dictionary<string, object?> Session(DateTimeOffset startsAt, string title = "Termin", bool online = false) => new()
    {
        ["title"] = title,
        ["startsAt"] = Iso(startsAt),
        ["endsAt"] = Iso(startsAt.AddHours(2)),
        ["online"] = online,
        ["url"] = online ? "https://meet.example/raum-7" : null,
        ["venue"] = online ? null : "Nachbarschaftshaus Lichtenberg",
        ["address"] = online ? null : "Hauptstraße 1, 10317 Berlin",
        ["accessibility"] = "Stufenloser Zugang, Induktionsschleife",
    };

    public static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static async Task<JsonElement> CreateAsync(this HttpClient client, Dictionary<string, object?> draft)
    {
        using var response = await client.PostAsJsonAsync(Path, draft);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetEventAsync(this HttpClient client, Guid id)
    {
        using var response = await client.GetAsync($"{Path}/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> RegisterAsync(this HttpClient client, Guid eventId, object? body = null) =>
        await client.PostAsJsonAsync($"{Path}/{eventId}/registrations", body ?? new { });

    public static async Task<JsonElement> RegisteredAsync(this HttpClient client, Guid eventId, object? body = null)
    {
        using var response = await client.RegisterAsync(eventId, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<HttpResponseMessage> PatchAsync(this HttpClient client, Guid eventId, object body, int version) =>
        await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, $"{Path}/{eventId}")
        {
            Content = JsonContent.Create(body),
            Headers = { IfMatch = { EntityTagHeaderValue.Parse($"\"{version}\"") } },
        });

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    public static Guid Id(this JsonElement element) => element.GetProperty("id").GetGuid();

    public static IReadOnlyList<Guid> SessionIds(this JsonElement @event) =>
        @event.GetProperty("sessions").EnumerateArray().Select(session => session.GetProperty("id").GetGuid()).ToList();

    /// <summary>The fields a validation problem names.</summary>
    public static async Task<IReadOnlyList<string>> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        return problem.GetProperty("errors").EnumerateObject().Select(error => error.Name).ToList();
    }
}
