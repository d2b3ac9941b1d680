using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Network.EndToEnd.Tests.Platform;
using Npgsql;

namespace Network.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class A_person_can_take_their_data_and_leave(PlatformFixture platform)
{
    private static readonly string[] ServicesWithData = ["directory", "matching", "events", "messaging"];

    [Fact]
    public async Task Export_gathers_every_service_and_erasure_leaves_nothing_of_the_person_anywhere()
    {
        var marker = Guid.NewGuid().ToString("N")[..12];
        var email = $"leaving.{marker}@e2e.network.test";
        var name = $"Leila Erasable{marker}";
        var (signUp, accountId) = await platform.SignUpAsync(email, name, "en");
        Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);
        var token = await platform.SignInAsync(email);
        await PlatformClient.EventuallyAsync(
            async () => (await (await platform.GetAsync("/api/messaging/notifications", token)).Content.ReadAsStringAsync()).Contains(name),
            found => found, TimeSpan.FromSeconds(30));

        var exportResponse = await platform.GetAsync("/api/directory/me/export", token);
        Assert.Equal(HttpStatusCode.OK, exportResponse.StatusCode);
        using var export = JsonDocument.Parse(await exportResponse.Content.ReadAsStringAsync());
        var services = export.RootElement.GetProperty("services");
        Assert.Equal(email, services.GetProperty("directory").GetProperty("sections").GetProperty("account").GetProperty("email").GetString());
        Assert.Contains(services.GetProperty("messaging").GetProperty("sections").GetProperty("notifications").EnumerateArray(),
            notification => notification.GetProperty("body").GetString()!.Contains(name));
        Assert.True(services.TryGetProperty("matching", out _));
        Assert.True(services.TryGetProperty("events", out _));

        using var erase = new HttpRequestMessage(HttpMethod.Delete, new Uri(platform.Gateway.BaseAddress, "/api/directory/me"));
        erase.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.NoContent, (await platform.Http.SendAsync(erase)).StatusCode);

        // The other services erase their part when the event reaches them.
        await using (var messaging = new NpgsqlConnection(platform.DatabaseOf("messaging")))
        {
            var left = await PlatformClient.EventuallyAsync(
                () => messaging.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE consumer = 'PersonalDataErasureConsumer'"),
                count => count > 0, TimeSpan.FromSeconds(60));
            Assert.True(left > 0, "messaging never handled the erasure");
        }

        foreach (var service in ServicesWithData)
        {
            var traces = await RowsMentioningAsync(service, email, name);
            Assert.True(traces.Count == 0, $"{service} still holds the person: {string.Join("; ", traces)}");
        }

        var signIn = await platform.Http.PostAsync(
            new Uri(platform.Gateway.BaseAddress, "/api/directory/auth/token"),
            new StringContent(JsonSerializer.Serialize(new { email, password = PlatformClient.Password }), System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        // The access token still in hand (valid for minutes) finds no account behind it.
        Assert.Equal(HttpStatusCode.NotFound, (await platform.GetAsync("/api/directory/me", token)).StatusCode);
        Assert.NotEqual(Guid.Empty, accountId);
    }

    /// <summary>Every row of every table of the service's database, as text, searched for the person.</summary>
    private async Task<List<string>> RowsMentioningAsync(string service, string email, string name)
    {
        await using var connection = new NpgsqlConnection(platform.DatabaseOf(service));
        var tables = await connection.QueryAsync<string>(
            "SELECT quote_ident(table_name) FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'");
        var found = new List<string>();
        foreach (var table in tables)
        {
            var rows = await connection.QueryAsync<string>(
                $"SELECT t::text FROM {table} t WHERE strpos(lower(t::text), lower(@email)) > 0 OR strpos(lower(t::text), lower(@name)) > 0",
                new { email, name });
            found.AddRange(rows.Select(row => $"{table}: {row[..Math.Min(row.Length, 200)]}"));
        }

        return found;
    }
}
