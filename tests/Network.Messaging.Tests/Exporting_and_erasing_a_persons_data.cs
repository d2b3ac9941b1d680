using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Contracts.Directory;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>What messaging holds about a person: exported on request, erased when the directory erases the account.</summary>
public sealed class Exporting_and_erasing_a_persons_data(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    [Fact]
    public async Task The_export_has_the_account_notifications_preferences_memberships_and_messages_and_erasure_leaves_none_of_it()
    {
        var (person, partner) = (await api.AccountAsync(), await api.AccountAsync());
        var own = await api.OrganisationAsync(members: person);
        var other = await api.OrganisationAsync(members: partner);
        var client = api.ClientFor(person.Id, own);
        await client.PutAsJsonAsync("/api/messaging/preferences", new { preferences = new Dictionary<string, string> { ["announcement"] = "off" } }).ExpectAsync(HttpStatusCode.OK);
        var started = await client.PostAsJsonAsync(
            "/api/messaging/conversations", new { fromOrganisationId = own, toOrganisationId = other, subject = "Hallo", text = "Mein Text" }).ExpectAsync(HttpStatusCode.Created);
        await api.ClientFor(partner.Id, other)
            .PostAsJsonAsync($"/api/messaging/conversations/{started.GetProperty("conversation").GetProperty("id").GetGuid()}/messages", new { text = "Antwort" })
            .ExpectAsync(HttpStatusCode.Created);

        var export = (await client.GetFromJsonAsync<JsonElement>("/api/messaging/me/export")).GetProperty("sections");
        Assert.Equal(person.Email, export.GetProperty("account").GetProperty("email").GetString());
        Assert.Equal("message_received", Assert.Single(export.GetProperty("notifications").EnumerateArray()).GetProperty("type").GetString());
        Assert.Equal("off", Assert.Single(export.GetProperty("preferences").EnumerateArray()).GetProperty("delivery").GetString());
        Assert.Equal(own, Assert.Single(export.GetProperty("memberships").EnumerateArray()).GetProperty("organisationId").GetGuid());
        Assert.Equal("Mein Text", Assert.Single(export.GetProperty("authored").GetProperty("messages").EnumerateArray()).GetProperty("text").GetString());

        await api.DeliverAsync(new PersonalDataErasureRequested { AccountId = person.Id, OccurredAt = DateTimeOffset.UtcNow });

        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal(
            (0, 0, 0, 0, 0),
            await connection.QuerySingleAsync<(int, int, int, int, int)>(
                """
                SELECT (SELECT count(*)::int FROM accounts WHERE id = @Id), (SELECT count(*)::int FROM notifications WHERE account_id = @Id),
                       (SELECT count(*)::int FROM notification_preferences WHERE account_id = @Id), (SELECT count(*)::int FROM memberships WHERE account_id = @Id),
                       (SELECT count(*)::int FROM messages WHERE sender_account_id = @Id)
                """,
                person));
        // The organisations' correspondence stays; only the link to the person goes.
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM messages WHERE conversation_id = @id", new { id = started.GetProperty("conversation").GetProperty("id").GetGuid() }));
        var after = (await client.GetFromJsonAsync<JsonElement>("/api/messaging/me/export")).GetProperty("sections");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("account").ValueKind);
        Assert.Empty(after.GetProperty("notifications").EnumerateArray());
    }
}
