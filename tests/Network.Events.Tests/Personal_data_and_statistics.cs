using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Contracts.Events;
using Network.Events.Tests.Support;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.Events.Tests;

public sealed class Personal_data_and_statistics(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task The_export_holds_the_persons_registrations_and_erasure_frees_their_place_and_forgets_them()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), change: d => d["capacity"] = 1));
        var person = Guid.NewGuid();
        var client = api.ClientFor(person);
        var registration = await client.RegisteredAsync(created.Id(), new { participantName = "Leyla Aydın" });
        var waiting = await api.MemberOf().RegisteredAsync(created.Id());

        var export = await client.GetFromJsonAsync<JsonElement>("/api/events/me/export");
        await EraseAsync(person);

        var entry = Assert.Single(export.GetProperty("sections").GetProperty("registrations").EnumerateArray());
        Assert.Equal(registration.Id(), entry.Id());
        Assert.Equal("Leyla Aydın", entry.GetProperty("participantName").GetString());
        await using var connection = await api.OpenConnectionAsync();
        var (accountId, name, status) = await connection.QuerySingleAsync<(Guid?, string?, string)>(
            "SELECT account_id, participant_name, status FROM registrations WHERE id = @id", new { id = registration.Id() });
        Assert.Null(accountId);
        Assert.Null(name);
        Assert.Equal("cancelled", status);
        Assert.Single(await api.OutboxAsync<WaitlistPromoted>(waiting.Id()));
        var after = await client.GetFromJsonAsync<JsonElement>("/api/events/me/export");
        Assert.Equal(JsonValueKind.Null, after.GetProperty("sections").GetProperty("registrations").ValueKind);
    }

    [Fact]
    public async Task An_event_keeps_no_account_of_the_person_who_published_it()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var publisher = Guid.NewGuid();
        var created = await api.ClientFor(publisher, organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow()));

        await using var connection = await api.OpenConnectionAsync();
        var stored = await connection.ExecuteScalarAsync<string>("SELECT row_to_json(e)::text FROM events e WHERE id = @id", new { id = created.Id() });

        Assert.DoesNotContain(publisher.ToString(), stored);
    }

    [Fact]
    public async Task Coordinators_count_events_registrations_and_waitlists_by_kind_topic_region_and_organisation_kind()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        await SaveOrganisationAsync(organiser, "Integrationsbüro Dessau-Roßlau", "administration");
        var from = api.Clock.GetUtcNow().AddDays(100);
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, from, change: d =>
        {
            d["capacity"] = 1;
            d["regions"] = new[] { "dessau_rosslau" };
            d["topics"] = new[] { "diversity_in_personnel", "education" };
            d["kind"] = "round_table";
        }));
        await api.MemberOf().RegisteredAsync(created.Id());
        await api.MemberOf().RegisteredAsync(created.Id());

        var statistics = await api.CoordinatorClient().GetFromJsonAsync<JsonElement>(
            $"/api/events/statistics?from={Uri.EscapeDataString(EventRequests.Iso(from))}&to={Uri.EscapeDataString(EventRequests.Iso(from.AddDays(30)))}");

        var total = statistics.GetProperty("total");
        Assert.Equal(1, total.GetProperty("events").GetInt32());
        Assert.Equal(2, total.GetProperty("registrations").GetInt32());
        Assert.Equal(1, total.GetProperty("waitlisted").GetInt32());
        Assert.Equal("round_table", Assert.Single(statistics.GetProperty("byKind").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal(["diversity_in_personnel", "education"], statistics.GetProperty("byTopic").EnumerateArray().Select(g => g.GetProperty("key").GetString()));
        Assert.Equal("dessau_rosslau", Assert.Single(statistics.GetProperty("byRegion").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("administration", Assert.Single(statistics.GetProperty("byOrganiserKind").EnumerateArray()).GetProperty("key").GetString());
        Assert.Equal("individual", Assert.Single(statistics.GetProperty("byRegistrantOrganisationKind").EnumerateArray()).GetProperty("key").GetString());
    }

    /// <summary>What the directory's OrganisationRegistered leaves in the events service's copy, through its consumer.</summary>
    private async Task SaveOrganisationAsync(Guid id, string name, string kind)
    {
        var consumer = new Network.Events.Consumers.OrganisationRegisteredConsumer(api.Services.GetRequiredService<NpgsqlDataSource>());
        var message = new OrganisationRegistered
        {
            OrganisationId = id,
            Name = name,
            Kind = kind,
            Regions = ["dessau_rosslau"],
            Topics = [],
            Languages = [],
            TargetGroups = [],
            CreatedByAccountId = Guid.NewGuid(),
            OccurredAt = DateTimeOffset.UtcNow,
        };
        await consumer.Consume(DirectDelivery.Of(message));
    }

    private async Task EraseAsync(Guid accountId)
    {
        var consumer = new PersonalDataErasureConsumer(api.Services.GetRequiredService<NpgsqlDataSource>(), api.Services.GetServices<IPersonalDataSource>());
        await consumer.Consume(DirectDelivery.Of(new PersonalDataErasureRequested { AccountId = accountId, OccurredAt = DateTimeOffset.UtcNow }));
    }
}
