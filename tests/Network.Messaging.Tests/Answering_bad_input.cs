using System.Net;
using System.Net.Http.Json;
using System.Text;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>Whatever a client sends (broken JSON, wrong types, unknown codes, NUL characters, absurd paging), the answer is 4xx, never 500.</summary>
public sealed class Answering_bad_input(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    public static TheoryData<string, string, string> BrokenBodies => new()
    {
        { "POST", "/api/messaging/conversations", "{ \"fromOrganisationId\": " },
        { "POST", "/api/messaging/conversations", "{ \"fromOrganisationId\": \"not-a-guid\", \"subject\": 5 }" },
        { "POST", "/api/messaging/conversations", "[1, 2, 3]" },
        { "PUT", "/api/messaging/preferences", "{ \"preferences\": { \"announcement\": 3 } }" },
        { "PUT", "/api/messaging/preferences", "{ \"preferences\": [\"announcement\"] }" },
        { "PUT", "/api/messaging/preferences", "not json at all" },
        { "POST", "/api/messaging/announcements", "{ \"title\": \"Hallo\", \"body\": \"Text\", \"audience\": { \"kinds\": \"mso\" } }" },
        { "POST", "/api/messaging/announcements", "{ \"title\": " },
        { "PUT", "/api/messaging/organisations/{org}/settings", "{ \"firstContact\": \"everybody\" }" },
        { "PUT", "/api/messaging/organisations/{org}/settings", "{ \"firstContact\": 7 }" },
        { "POST", "/api/messaging/conversations/{conversation}/messages", "{ \"text\": " },
        { "POST", "/api/messaging/conversations/{conversation}/read", "{ \"organisationId\": 42 }" },
        { "POST", "/api/messaging/reports", "{ \"contentType\": \"message\", \"contentId\": \"x\" }" },
    };

    [Theory]
    [MemberData(nameof(BrokenBodies))]
    public async Task A_broken_or_mistyped_body_is_400(string method, string path, string body)
    {
        var (member, organisation, conversation) = await SetUpAsync();
        var client = path.StartsWith("/api/messaging/announcements", StringComparison.Ordinal) ? api.CoordinatorClient() : member;
        using var request = new HttpRequestMessage(new HttpMethod(method), path.Replace("{org}", organisation.ToString()).Replace("{conversation}", conversation.ToString()))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };

        using var response = await client.SendAsync(request);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} {body}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Theory]
    [InlineData("/api/messaging/notifications?limit=100000")]
    [InlineData("/api/messaging/notifications?limit=99999999999")]
    [InlineData("/api/messaging/notifications?limit=-1")]
    [InlineData("/api/messaging/notifications?cursor=%00%00")]
    [InlineData("/api/messaging/notifications?unreadOnly=maybe")]
    [InlineData("/api/messaging/conversations?organisationId=nope")]
    [InlineData("/api/messaging/conversations?limit=0")]
    [InlineData("/api/messaging/conversations?cursor=AAAA")]
    [InlineData("/api/messaging/announcements?limit=101")]
    [InlineData("/api/messaging/conversations/{conversation}/messages?cursor=bm90LWEtY3Vyc29y")]
    public async Task Absurd_paging_and_parameters_are_400(string path)
    {
        var (client, _, conversation) = await SetUpAsync();

        using var response = await client.GetAsync(path.Replace("{conversation}", conversation.ToString()));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Nul_characters_anywhere_are_400_naming_the_field()
    {
        var (client, organisation, conversation) = await SetUpAsync();
        var to = await api.OrganisationAsync();

        using var subject = await client.PostAsJsonAsync("/api/messaging/conversations", new { fromOrganisationId = organisation, toOrganisationId = to, subject = "Hallo\0", text = "Text" });
        Assert.Equal(["subject"], await subject.ProblemFieldsAsync());
        using var text = await client.PostAsJsonAsync($"/api/messaging/conversations/{conversation}/messages", new { text = "Hallo\0Welt" });
        Assert.Equal(["text"], await text.ProblemFieldsAsync());
        using var type = await client.PutAsJsonAsync("/api/messaging/preferences", new { preferences = new Dictionary<string, string> { ["announce\0ment"] = "off" } });
        Assert.Equal(["preferences.announce\0ment"], await type.ProblemFieldsAsync());
        using var announcement = await api.CoordinatorClient().PostAsJsonAsync("/api/messaging/announcements", new { title = "Hallo", body = "Text\0", audience = new { } });
        Assert.Equal(["body"], await announcement.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Unknown_ids_are_404()
    {
        var (client, _, _) = await SetUpAsync();

        await client.PostAsync($"/api/messaging/notifications/{Guid.NewGuid()}/read", null).ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"/api/messaging/conversations/{Guid.NewGuid()}/messages").ExpectAsync(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync($"/api/messaging/conversations/{Guid.NewGuid()}/messages", new { text = "Hallo" }).ExpectAsync(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync($"/api/messaging/conversations/{Guid.NewGuid()}/read", new { }).ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"/api/messaging/announcements/{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.NotFound);
        await api.CoordinatorClient().GetAsync($"/api/messaging/announcements/{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.NotFound);
    }

    private async Task<(HttpClient Client, Guid Organisation, Guid Conversation)> SetUpAsync()
    {
        var (writer, reader) = (await api.AccountAsync(), await api.AccountAsync());
        var from = await api.OrganisationAsync(members: writer);
        var to = await api.OrganisationAsync(members: reader);
        var client = api.ClientFor(writer.Id, from);
        var started = await client.PostAsJsonAsync("/api/messaging/conversations", new { fromOrganisationId = from, toOrganisationId = to, subject = "Hallo", text = "Guten Tag." })
            .ExpectAsync(HttpStatusCode.Created);
        return (client, from, started.GetProperty("conversation").GetProperty("id").GetGuid());
    }
}
