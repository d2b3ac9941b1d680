using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Messaging.Domain;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>Coordinators' announcements: accepted at once, fanned out in the background to the audience and only to it.</summary>
public sealed class Announcing_to_an_audience(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    private const string Path = "/api/messaging/announcements";

    [Fact]
    public async Task An_announcement_reaches_the_members_of_the_chosen_kind_region_and_topic_and_nobody_else()
    {
        var people = new Dictionary<string, TestAccount>();
        foreach (var who in new[] { "lichtenberg_mso_1", "lichtenberg_mso_2", "city_wide_mso", "provider", "koeln_mso", "pending_mso", "other_topic_mso" })
        {
            people[who] = await api.AccountAsync(who == "lichtenberg_mso_2" ? "en" : "de");
        }

        await api.OrganisationAsync(kind: "mso", regions: ["berlin_lichtenberg"], topics: ["empowerment"], members: [people["lichtenberg_mso_1"], people["lichtenberg_mso_2"]]);
        await api.OrganisationAsync(kind: "mso", regions: ["berlin"], topics: ["empowerment", "health"], members: people["city_wide_mso"]);
        await api.OrganisationAsync(kind: "service_provider", regions: ["berlin_lichtenberg"], topics: ["empowerment"], members: people["provider"]);
        await api.OrganisationAsync(kind: "mso", regions: ["koeln_innenstadt"], topics: ["empowerment"], members: people["koeln_mso"]);
        await api.OrganisationAsync(kind: "mso", regions: ["berlin_lichtenberg"], topics: ["empowerment"], status: OrganisationStatus.Pending, members: people["pending_mso"]);
        await api.OrganisationAsync(kind: "mso", regions: ["berlin_lichtenberg"], topics: ["housing"], members: people["other_topic_mso"]);

        var accepted = await api.CoordinatorClient().PostAsJsonAsync(Path, new
        {
            title = "Neue Bildungsreihe der DiFair Akademie",
            body = "Die diesjährigen Fachinputs stehen fest. Die Plätze sind begrenzt – also direkt anmelden!",
            audience = new { kinds = new[] { "mso" }, regions = new[] { "berlin_lichtenberg" }, topics = new[] { "empowerment" } },
        }).ExpectAsync(HttpStatusCode.Accepted);
        var id = accepted.GetProperty("id").GetGuid();

        var delivered = await DeliveredAsync(id);
        Assert.Equal(3, delivered.GetProperty("recipientCount").GetInt32());
        var reached = new List<string>();
        foreach (var (who, account) in people)
        {
            if ((await api.NotificationsOfAsync(account.Id)).Any(n => n.SourceKey == $"announcement:{id}"))
            {
                reached.Add(who);
            }
        }

        Assert.Equal(["lichtenberg_mso_1", "lichtenberg_mso_2", "city_wide_mso"], reached);
        var notification = (await api.NotificationsOfAsync(people["lichtenberg_mso_2"].Id)).Single();
        Assert.Equal(("announcement", "Neue Bildungsreihe der DiFair Akademie", "digest"), (notification.Type, notification.Title, notification.Delivery));

        var seenByRecipient = await api.ClientFor(people["lichtenberg_mso_1"].Id).GetFromJsonAsync<JsonElement>(Path);
        Assert.Equal(id, Assert.Single(seenByRecipient.GetProperty("items").EnumerateArray()).GetProperty("id").GetGuid());
        Assert.Empty((await api.ClientFor(people["provider"].Id).GetFromJsonAsync<JsonElement>(Path)).GetProperty("items").EnumerateArray());
        await api.ClientFor(people["provider"].Id).GetAsync($"{Path}/{id}").ExpectAsync(HttpStatusCode.NotFound);

        await using var connection = await api.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'Network.Contracts.Messaging.AnnouncementPublished' AND body ->> 'announcementId' = @id",
            new { id = id.ToString() }));
    }

    [Fact]
    public async Task An_announcement_without_a_narrower_audience_reaches_every_verified_organisation()
    {
        var (first, second) = (await api.AccountAsync(), await api.AccountAsync());
        await api.OrganisationAsync(kind: "administration", regions: ["dessau_rosslau"], topics: ["diversity_in_personnel"], members: first);
        await api.OrganisationAsync(kind: "coordination", regions: ["nationwide"], topics: ["education"], members: second);

        var accepted = await api.CoordinatorClient().PostAsJsonAsync(Path, new { title = "Wartung am Samstag", body = "Die Plattform ist am Samstag von 8 bis 10 Uhr nicht erreichbar.", audience = new { } })
            .ExpectAsync(HttpStatusCode.Accepted);
        await DeliveredAsync(accepted.GetProperty("id").GetGuid());

        Assert.Single(await api.NotificationsOfAsync(first.Id), n => n.Type == "announcement");
        Assert.Single(await api.NotificationsOfAsync(second.Id), n => n.Type == "announcement");
    }

    [Fact]
    public async Task Only_coordinators_announce()
    {
        var member = await api.AccountAsync();

        await api.ClientFor(member.Id, await api.OrganisationAsync(members: member))
            .PostAsJsonAsync(Path, new { title = "Hallo", body = "Hallo", audience = new { } })
            .ExpectAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bad_announcement_is_400_naming_each_field()
    {
        using var response = await api.CoordinatorClient().PostAsJsonAsync(Path, new
        {
            title = "",
            body = new string('x', 20_001),
            audience = new { kinds = new[] { "verein" }, regions = new[] { "atlantis" }, topics = new[] { "gardening" } },
        });

        Assert.Equal(["audience.kinds", "audience.regions", "audience.topics", "body", "title"], (await response.ProblemFieldsAsync()).Order());
    }

    private async Task<JsonElement> DeliveredAsync(Guid id)
    {
        var client = api.CoordinatorClient();
        JsonElement announcement = default;
        await MessagingApiFactory.WaitUntilAsync(
            async () =>
            {
                announcement = await client.GetFromJsonAsync<JsonElement>($"{Path}/{id}");
                return announcement.GetProperty("status").GetString() == "delivered";
            },
            $"Announcement {id} was not delivered");
        return announcement;
    }
}
