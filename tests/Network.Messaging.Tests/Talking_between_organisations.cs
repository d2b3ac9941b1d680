using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Contracts.Matching;
using Network.Messaging.Domain;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>Conversations between organisations: the shared inbox, unread counts, who may write first, and bad input.</summary>
public sealed class Talking_between_organisations(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    private const string Path = "/api/messaging/conversations";

    [Fact]
    public async Task Every_member_of_both_organisations_sees_the_conversation_with_their_organisations_unread_count()
    {
        var (writer, colleague, reader) = (await api.AccountAsync(), await api.AccountAsync(), await api.AccountAsync("en"));
        var from = await api.OrganisationAsync(name: "Vietnam-Haus e. V.", members: [writer, colleague]);
        var to = await api.OrganisationAsync(name: "Bezirksamt Lichtenberg", kind: "administration", members: reader);

        var started = await StartAsync(writer, from, to, "Elternabende auf Vietnamesisch", "Guten Tag, wir bieten Sprachmittlung an.");
        var conversationId = started.GetProperty("conversation").GetProperty("id").GetGuid();

        var seenByReader = Single(await ListAsync(reader, to));
        Assert.Equal(conversationId, seenByReader.GetProperty("id").GetGuid());
        Assert.Equal(1, UnreadOf(seenByReader, to));
        Assert.Equal(0, UnreadOf(Single(await ListAsync(colleague, from)), from));
        var told = Assert.Single(await api.NotificationsOfAsync(reader.Id));
        Assert.Equal(("conversation_started", "New message from Vietnam-Haus e. V."), (told.Type, told.Title));
        Assert.Empty(await api.NotificationsOfAsync(writer.Id));
        Assert.Empty(await api.NotificationsOfAsync(colleague.Id));

        await api.ClientFor(reader.Id, to).PostAsJsonAsync($"{Path}/{conversationId}/messages", new { text = "Gern, wann passt es Ihnen?" }).ExpectAsync(HttpStatusCode.Created);
        await api.ClientFor(reader.Id, to).PostAsJsonAsync($"{Path}/{conversationId}/read", new { }).ExpectAsync(HttpStatusCode.NoContent);

        Assert.Equal(0, UnreadOf(Single(await ListAsync(reader, to)), to));
        Assert.Equal(1, UnreadOf(Single(await ListAsync(colleague, from)), from));
        Assert.Equal(["message_received"], (await api.NotificationsOfAsync(colleague.Id)).Select(n => n.Type));
        var messages = await api.ClientFor(colleague.Id, from).GetFromJsonAsync<JsonElement>($"{Path}/{conversationId}/messages");
        Assert.Equal(
            ["Gern, wann passt es Ihnen?", "Guten Tag, wir bieten Sprachmittlung an."],
            messages.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("text").GetString()));
    }

    [Fact]
    public async Task Someone_outside_the_conversation_gets_404_for_everything_in_it()
    {
        var (writer, outsider) = (await api.AccountAsync(), await api.AccountAsync());
        var from = await api.OrganisationAsync(members: writer);
        var to = await api.OrganisationAsync();
        var elsewhere = await api.OrganisationAsync(members: outsider);
        var conversationId = (await StartAsync(writer, from, to, "Hospitation", "Können wir hospitieren?")).GetProperty("conversation").GetProperty("id").GetGuid();
        var client = api.ClientFor(outsider.Id, elsewhere);

        await client.GetAsync($"{Path}/{conversationId}").ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"{Path}/{conversationId}/messages").ExpectAsync(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync($"{Path}/{conversationId}/messages", new { fromOrganisationId = elsewhere, text = "Hallo" }).ExpectAsync(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync($"{Path}/{conversationId}/read", new { }).ExpectAsync(HttpStatusCode.NotFound);
        await client.GetAsync($"{Path}/{Guid.NewGuid()}").ExpectAsync(HttpStatusCode.NotFound);
        Assert.Empty((await ListAsync(outsider, elsewhere)).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task An_organisation_that_takes_first_contact_only_from_partners_can_be_written_to_once_they_are_partners()
    {
        var (writer, admin) = (await api.AccountAsync(), await api.AccountAsync());
        var from = await api.OrganisationAsync(members: writer);
        var to = await api.OrganisationAsync(members: admin);
        await api.ClientFor(admin.Id, to).PutAsJsonAsync($"/api/messaging/organisations/{to}/settings", new { firstContact = "partners_only" }).ExpectAsync(HttpStatusCode.OK);

        var refused = await api.ClientFor(writer.Id, from).PostAsJsonAsync(Path, Draft(from, to)).ExpectAsync(HttpStatusCode.Forbidden);
        Assert.Contains("only from its partners", refused.GetProperty("detail").GetString());

        await api.DeliverAsync(new PartnershipFormed
        {
            PartnershipId = Guid.NewGuid(),
            SuggestionId = Guid.NewGuid(),
            FirstOrganisationId = to,
            SecondOrganisationId = from,
            OfferListingId = Guid.NewGuid(),
            RequestListingId = Guid.NewGuid(),
            OfferTitle = "Sprachmittlung",
            RequestTitle = "Elternabende",
            OccurredAt = DateTimeOffset.UtcNow,
        });

        await api.ClientFor(writer.Id, from).PostAsJsonAsync(Path, Draft(from, to)).ExpectAsync(HttpStatusCode.Created);
        var settings = await api.ClientFor(writer.Id, from).GetFromJsonAsync<JsonElement>($"/api/messaging/organisations/{from}/settings");
        Assert.Equal("verified_organisations", settings.GetProperty("firstContact").GetString());
    }

    [Fact]
    public async Task Only_the_organisations_own_admins_change_its_settings()
    {
        var outsider = await api.AccountAsync();
        var organisation = await api.OrganisationAsync();

        await api.ClientFor(outsider.Id).PutAsJsonAsync($"/api/messaging/organisations/{organisation}/settings", new { firstContact = "partners_only" }).ExpectAsync(HttpStatusCode.Forbidden);
        var bad = await api.ClientFor(outsider.Id, organisation).PutAsJsonAsync($"/api/messaging/organisations/{organisation}/settings", new { firstContact = "everyone" });
        Assert.Equal(["firstContact"], await bad.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_partnership_opens_one_conversation_for_both_organisations_however_often_it_is_delivered()
    {
        var (first, second) = (await api.AccountAsync(), await api.AccountAsync("en"));
        var offering = await api.OrganisationAsync(name: "Vietnam-Haus e. V.", members: first);
        var requesting = await api.OrganisationAsync(name: "Gesundheitsamt Lichtenberg", kind: "service_provider", members: second);
        var formed = new PartnershipFormed
        {
            PartnershipId = Guid.NewGuid(),
            SuggestionId = Guid.NewGuid(),
            FirstOrganisationId = offering,
            SecondOrganisationId = requesting,
            OfferListingId = Guid.NewGuid(),
            RequestListingId = Guid.NewGuid(),
            OfferTitle = "Sprachmittlung",
            RequestTitle = "Impfberatung auf Vietnamesisch",
            OccurredAt = DateTimeOffset.UtcNow,
        };

        await api.DeliverAsync(formed);
        await api.DeliverAsync(formed);

        var conversation = Single(await ListAsync(first, offering));
        Assert.Equal("Sprachmittlung – Impfberatung auf Vietnamesisch", conversation.GetProperty("subject").GetString());
        Assert.Equal(conversation.GetProperty("id").GetGuid(), Single(await ListAsync(second, requesting)).GetProperty("id").GetGuid());
        Assert.Equal("Neue Partnerschaft mit Gesundheitsamt Lichtenberg", Assert.Single(await api.NotificationsOfAsync(first.Id)).Title);
        var toSecond = Assert.Single(await api.NotificationsOfAsync(second.Id));
        Assert.Equal(("New partnership with Vietnam-Haus e. V.", $"/postfach/gespraeche/{conversation.GetProperty("id").GetGuid()}", "email"), (toSecond.Title, toSecond.Link, toSecond.Delivery));
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("   \n ", "text")]
    [InlineData(null, "text")]
    [InlineData("x", "subject")]
    public async Task Empty_texts_and_subjects_are_refused_with_the_field_named(string? text, string field)
    {
        var writer = await api.AccountAsync();
        var from = await api.OrganisationAsync(members: writer);
        var to = await api.OrganisationAsync();
        var body = field == "subject"
            ? new Dictionary<string, object?> { ["fromOrganisationId"] = from, ["toOrganisationId"] = to, ["subject"] = " ", ["text"] = "Hallo" }
            : new Dictionary<string, object?> { ["fromOrganisationId"] = from, ["toOrganisationId"] = to, ["subject"] = "Hallo", ["text"] = text };

        using var response = await api.ClientFor(writer.Id, from).PostAsJsonAsync(Path, body);

        Assert.Equal([field], await response.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_message_of_100000_characters_is_refused_naming_the_text_when_starting_and_when_replying()
    {
        var writer = await api.AccountAsync();
        var from = await api.OrganisationAsync(members: writer);
        var to = await api.OrganisationAsync();
        var client = api.ClientFor(writer.Id, from);
        var huge = new string('a', 100_000);

        using var starting = await client.PostAsJsonAsync(Path, Draft(from, to) with { Text = huge });
        Assert.Equal(["text"], await starting.ProblemFieldsAsync());

        var conversationId = (await client.PostAsJsonAsync(Path, Draft(from, to)).ExpectAsync(HttpStatusCode.Created)).GetProperty("conversation").GetProperty("id").GetGuid();
        using var replying = await client.PostAsJsonAsync($"{Path}/{conversationId}/messages", new { text = huge });
        Assert.Equal(["text"], await replying.ProblemFieldsAsync());
        using var empty = await client.PostAsJsonAsync($"{Path}/{conversationId}/messages", new { text = "" });
        Assert.Equal(["text"], await empty.ProblemFieldsAsync());
        using var control = await client.PostAsJsonAsync($"{Path}/{conversationId}/messages", new { text = "a\u0000b" });
        Assert.Equal(["text"], await control.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Writing_to_an_unknown_or_unverified_organisation_is_404_and_missing_fields_are_400()
    {
        var writer = await api.AccountAsync();
        var from = await api.OrganisationAsync(members: writer);
        var pending = await api.OrganisationAsync(status: OrganisationStatus.Pending);
        var client = api.ClientFor(writer.Id, from);

        await client.PostAsJsonAsync(Path, Draft(from, Guid.NewGuid())).ExpectAsync(HttpStatusCode.NotFound);
        await client.PostAsJsonAsync(Path, Draft(from, pending)).ExpectAsync(HttpStatusCode.NotFound);
        using var missing = await client.PostAsJsonAsync(Path, new { subject = "Hallo", text = "Hallo" });
        Assert.Equal(["fromOrganisationId", "toOrganisationId"], (await missing.ProblemFieldsAsync()).Order());
        using var itself = await client.PostAsJsonAsync(Path, Draft(from, from));
        Assert.Equal(["toOrganisationId"], await itself.ProblemFieldsAsync());
        using var notAGuid = await client.PostAsJsonAsync(Path, new { fromOrganisationId = from, toOrganisationId = "Bezirksamt", subject = "Hallo", text = "Hallo" });
        Assert.Equal(["toOrganisationId"], await notAGuid.ProblemFieldsAsync());
    }

    [Fact]
    public async Task Only_members_of_a_verified_organisation_may_open_a_conversation_for_it()
    {
        var writer = await api.AccountAsync();
        var pending = await api.OrganisationAsync(status: OrganisationStatus.Pending, members: writer);
        var suspended = await api.OrganisationAsync(status: OrganisationStatus.Suspended, members: writer);
        var to = await api.OrganisationAsync();

        await api.ClientFor(writer.Id, pending).PostAsJsonAsync(Path, Draft(pending, to)).ExpectAsync(HttpStatusCode.Forbidden);
        await api.ClientFor(writer.Id, suspended).PostAsJsonAsync(Path, Draft(suspended, to)).ExpectAsync(HttpStatusCode.Forbidden);
        var from = await api.OrganisationAsync();
        await api.ClientFor(writer.Id).PostAsJsonAsync(Path, Draft(from, to)).ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_reported_message_hidden_by_a_coordinator_loses_its_text_and_its_organisation_is_told_why()
    {
        var (writer, reader) = (await api.AccountAsync(), await api.AccountAsync());
        var from = await api.OrganisationAsync(members: writer);
        var to = await api.OrganisationAsync(members: reader);
        var started = await StartAsync(writer, from, to, "Angebot", "Rufen Sie mich privat an: 0170 1234567");
        var conversationId = started.GetProperty("conversation").GetProperty("id").GetGuid();
        var messageId = started.GetProperty("message").GetProperty("id").GetGuid();
        var outsider = await api.AccountAsync();

        await api.ClientFor(outsider.Id, await api.OrganisationAsync(members: outsider))
            .PostAsJsonAsync("/api/messaging/reports", new { contentType = "message", contentId = messageId, reason = "Spam" }).ExpectAsync(HttpStatusCode.NotFound);
        await api.ClientFor(reader.Id, to)
            .PostAsJsonAsync("/api/messaging/reports", new { contentType = "message", contentId = messageId, reason = "Private Telefonnummer" }).ExpectAsync(HttpStatusCode.Created);
        await api.CoordinatorClient()
            .PostAsJsonAsync("/api/messaging/moderation/decisions", new { contentType = "message", contentId = messageId, decision = "hide", reason = "Keine privaten Nummern." })
            .ExpectAsync(HttpStatusCode.Created);

        var message = (await api.ClientFor(reader.Id, to).GetFromJsonAsync<JsonElement>($"{Path}/{conversationId}/messages")).GetProperty("items")[0];
        Assert.Equal((JsonValueKind.Null, true, "Keine privaten Nummern."), (message.GetProperty("text").ValueKind, message.GetProperty("hidden").GetBoolean(), message.GetProperty("hiddenReason").GetString()));
        // ModerationDecisionRecorded goes out through the outbox and the broker, and comes back to this service.
        await MessagingApiFactory.WaitUntilAsync(
            async () => (await api.NotificationsOfAsync(writer.Id)).Any(n => n.Type == "moderation_decision"),
            "The writer's organisation was not told of the decision");
        Assert.Contains("Eine Nachricht Ihrer Organisation wurde ausgeblendet. Begründung: Keine privaten Nummern.", (await api.NotificationsOfAsync(writer.Id)).Single(n => n.Type == "moderation_decision").Body);
    }

    [Fact]
    public async Task A_hidden_reply_is_no_longer_quoted_in_the_notifications_of_it_and_a_restored_one_is_quoted_again()
    {
        var (writer, colleague, reader) = (await api.AccountAsync(), await api.AccountAsync("en"), await api.AccountAsync());
        var from = await api.OrganisationAsync(members: [writer, colleague]);
        var to = await api.OrganisationAsync(members: reader);
        var conversationId = (await StartAsync(writer, from, to, "Angebot", "Guten Tag.")).GetProperty("conversation").GetProperty("id").GetGuid();
        var reply = await api.ClientFor(reader.Id, to)
            .PostAsJsonAsync($"{Path}/{conversationId}/messages", new { text = "Rufen Sie mich privat an: 0170 1234567" }).ExpectAsync(HttpStatusCode.Created);
        var messageId = reply.GetProperty("id").GetGuid();
        Assert.Contains("0170 1234567", (await api.NotificationsOfAsync(writer.Id)).Single(n => n.Type == "message_received").Body);

        await Decide(messageId, "hide");

        var writersInbox = await api.ClientFor(writer.Id, from).GetFromJsonAsync<JsonElement>("/api/messaging/notifications");
        var quoted = writersInbox.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("type").GetString() == "message_received");
        Assert.DoesNotContain("0170", quoted.GetProperty("body").GetString());
        Assert.Equal(NotificationTexts.HiddenMessageDe, quoted.GetProperty("body").GetString());
        Assert.Equal(NotificationTexts.HiddenMessageEn, (await api.NotificationsOfAsync(colleague.Id)).Single(n => n.Type == "message_received").Body);

        await Decide(messageId, "restore");

        Assert.Equal("Rufen Sie mich privat an: 0170 1234567", (await api.NotificationsOfAsync(colleague.Id)).Single(n => n.Type == "message_received").Body);

        async Task Decide(Guid id, string decision) =>
            await api.CoordinatorClient()
                .PostAsJsonAsync("/api/messaging/moderation/decisions", new { contentType = "message", contentId = id, decision, reason = "Keine privaten Nummern." })
                .ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_api_document_describes_reading_and_changing_an_organisations_settings()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var settings = document.GetProperty("paths").GetProperty("/api/messaging/organisations/{id}/settings");
        Assert.Equal(["get", "put"], settings.EnumerateObject().Select(operation => operation.Name).Where(name => name is "get" or "put").Order());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var request = settings.GetProperty("put").GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString()!;
        Assert.True(schemas.GetProperty(request.Split('/').Last()).GetProperty("properties").TryGetProperty("firstContact", out _), request);
    }

    private sealed record StartRequest(Guid FromOrganisationId, Guid ToOrganisationId, string Subject, string Text);

    private static StartRequest Draft(Guid from, Guid to) => new(from, to, "Zusammenarbeit", "Guten Tag, wir möchten mit Ihnen zusammenarbeiten.");

    private async Task<JsonElement> StartAsync(TestAccount writer, Guid from, Guid to, string subject, string text) =>
        await api.ClientFor(writer.Id, from).PostAsJsonAsync(Path, new StartRequest(from, to, subject, text)).ExpectAsync(HttpStatusCode.Created);

    private async Task<JsonElement> ListAsync(TestAccount account, params Guid[] organisations) =>
        await api.ClientFor(account.Id, organisations).GetFromJsonAsync<JsonElement>(Path);

    private static JsonElement Single(JsonElement page) => Assert.Single(page.GetProperty("items").EnumerateArray());

    private static int UnreadOf(JsonElement conversation, Guid organisation) =>
        conversation.GetProperty("unread").EnumerateArray().Single(u => u.GetProperty("organisationId").GetGuid() == organisation).GetProperty("unread").GetInt32();
}
