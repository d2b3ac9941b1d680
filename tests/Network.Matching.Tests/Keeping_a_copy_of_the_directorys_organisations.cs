using Dapper;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Matching.Consumers;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.Testing;
using Npgsql;

namespace Network.Matching.Tests;

/// <summary>The organisation consumers on MassTransit's test harness, with a real database.</summary>
public sealed class Keeping_a_copy_of_the_directorys_organisations : IAsyncLifetime
{
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;
    private ServiceProvider services = null!;
    private ITestHarness harness = null!;

    public async Task InitializeAsync()
    {
        (database, dataSource) = await MatchingDatabase.CreateAsync("matching_consumer");
        services = new ServiceCollection()
            .AddSingleton(dataSource)
            .AddSingleton(TimeProvider.System)
            .AddLogging()
            .AddSingleton<CounterpartCatalogue>()
            .AddSingleton<SuggestionStore>()
            .AddSingleton<ListingStore>()
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<OrganisationRegisteredConsumer>().Endpoint(endpoint => endpoint.ConcurrentMessageLimit = 1);
                bus.AddConsumer<OrganisationProfileUpdatedConsumer>();
                bus.AddConsumer<OrganisationVerifiedConsumer>();
                bus.AddConsumer<OrganisationRejectedConsumer>();
                bus.AddConsumer<OrganisationSuspendedConsumer>();
                bus.AddConsumer<OrganisationReinstatedConsumer>();
            })
            .BuildServiceProvider(validateScopes: true);
        harness = services.GetRequiredService<ITestHarness>();
        await harness.Start();
    }

    [Fact]
    public async Task A_registered_organisation_is_pending_with_its_profile()
    {
        var registered = Registered(DateTimeOffset.UtcNow);

        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(registered);

        var row = await RowAsync(registered.OrganisationId);
        Assert.Equal(("Vietnam-Haus e. V.", "mso", "pending"), (row.Name, row.Kind, row.Status));
        Assert.Equal(["berlin_lichtenberg"], row.Regions);
        Assert.Equal(["vi", "de"], row.Languages);
    }

    [Fact]
    public async Task The_same_event_delivered_twice_leaves_one_row()
    {
        var registered = Registered(DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();

        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(registered, messageId);
        await harness.Bus.Publish(registered, context => context.MessageId = messageId);
        // The harness lists a message id once, so it cannot tell when the duplicate is done; a
        // later message through the same consumer can.
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(Registered(DateTimeOffset.UtcNow));

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM organisations WHERE id = @OrganisationId", registered));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }));
    }

    [Fact]
    public async Task Verification_suspension_and_reinstatement_follow_the_directory()
    {
        var now = DateTimeOffset.UtcNow;
        var registered = Registered(now);
        var id = registered.OrganisationId;
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(registered);

        await DeliverAsync<OrganisationVerifiedConsumer, OrganisationVerified>(new() { OrganisationId = id, CoordinatorAccountId = Guid.NewGuid(), OccurredAt = now.AddMinutes(1) });
        Assert.Equal("verified", (await RowAsync(id)).Status);
        await DeliverAsync<OrganisationSuspendedConsumer, OrganisationSuspended>(new() { OrganisationId = id, Reason = "Beschwerden", OccurredAt = now.AddMinutes(2) });
        Assert.Equal("suspended", (await RowAsync(id)).Status);
        await DeliverAsync<OrganisationReinstatedConsumer, OrganisationReinstated>(new() { OrganisationId = id, OccurredAt = now.AddMinutes(3) });
        Assert.Equal("verified", (await RowAsync(id)).Status);
    }

    [Fact]
    public async Task A_verification_delivered_twice_leaves_one_suggestion()
    {
        var now = DateTimeOffset.UtcNow;
        var listings = services.GetRequiredService<ListingStore>();
        var offerer = Registered(now);
        var requester = Registered(now);
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(offerer);
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(requester);
        await DeliverAsync<OrganisationVerifiedConsumer, OrganisationVerified>(new() { OrganisationId = offerer.OrganisationId, CoordinatorAccountId = Guid.NewGuid(), OccurredAt = now });
        var content = new ListingContent(
            "Gesundheitslotsinnen", "Begleitung zu Ärztinnen auf Vietnamesisch.", ["health"], ["vi"], ["berlin_lichtenberg"], [], ListingFormat.InPerson, null);
        var offer = await listings.PublishAsync(offerer.OrganisationId, ListingKind.Offer, content, CancellationToken.None);
        var request = await listings.PublishAsync(requester.OrganisationId, ListingKind.Request, content with { Title = "Gesundheitslotsen gesucht" }, CancellationToken.None);
        var verified = new OrganisationVerified { OrganisationId = requester.OrganisationId, CoordinatorAccountId = Guid.NewGuid(), OccurredAt = now.AddMinutes(1) };

        // The same message twice (the inbox skips it) and the same event again under a new message id
        // (as a publisher that retried would send it): the refresh itself must not make a second one.
        var messageId = NewId.NextGuid();
        await DeliverAsync<OrganisationVerifiedConsumer, OrganisationVerified>(verified, messageId);
        await harness.Bus.Publish(verified, context => context.MessageId = messageId);
        await DeliverAsync<OrganisationVerifiedConsumer, OrganisationVerified>(verified);

        await using var connection = await dataSource.OpenConnectionAsync();
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM suggestions WHERE offer_listing_id = @offer AND request_listing_id = @request AND status = 'open'",
            new { offer = offer.Id, request = request.Id }));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%.MatchSuggested' AND body->>'requestListingId' = @request",
            new { request = request.Id.ToString() }));
    }

    [Fact]
    public async Task A_rejection_is_kept()
    {
        var registered = Registered(DateTimeOffset.UtcNow);
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(registered);

        await DeliverAsync<OrganisationRejectedConsumer, OrganisationRejected>(new()
        {
            OrganisationId = registered.OrganisationId,
            CoordinatorAccountId = Guid.NewGuid(),
            Reason = "Unvollständig",
            OccurredAt = DateTimeOffset.UtcNow,
        });

        Assert.Equal("rejected", (await RowAsync(registered.OrganisationId)).Status);
    }

    [Fact]
    public async Task A_verification_that_overtakes_the_registration_is_not_undone_by_it()
    {
        var now = DateTimeOffset.UtcNow;
        var registered = Registered(now);

        await DeliverAsync<OrganisationVerifiedConsumer, OrganisationVerified>(new()
        {
            OrganisationId = registered.OrganisationId,
            CoordinatorAccountId = Guid.NewGuid(),
            OccurredAt = now.AddMinutes(1),
        });
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(registered);

        var row = await RowAsync(registered.OrganisationId);
        Assert.Equal(("Vietnam-Haus e. V.", "verified"), (row.Name, row.Status));
    }

    [Fact]
    public async Task An_older_profile_does_not_overwrite_a_newer_one()
    {
        var now = DateTimeOffset.UtcNow;
        var registered = Registered(now);
        await DeliverAsync<OrganisationRegisteredConsumer, OrganisationRegistered>(registered);

        await DeliverAsync<OrganisationProfileUpdatedConsumer, OrganisationProfileUpdated>(Updated(registered, "Neuer Name", now.AddMinutes(2)));
        await DeliverAsync<OrganisationProfileUpdatedConsumer, OrganisationProfileUpdated>(Updated(registered, "Alter Name", now.AddMinutes(1)));

        Assert.Equal("Neuer Name", (await RowAsync(registered.OrganisationId)).Name);
    }

    public async Task DisposeAsync()
    {
        await harness.Stop();
        await services.DisposeAsync();
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    private static OrganisationRegistered Registered(DateTimeOffset at) => new()
    {
        OrganisationId = Guid.NewGuid(),
        Name = "Vietnam-Haus e. V.",
        Kind = "mso",
        Regions = ["berlin_lichtenberg"],
        Topics = ["health", "language_mediation"],
        Languages = ["vi", "de"],
        TargetGroups = ["families"],
        CreatedByAccountId = Guid.NewGuid(),
        OccurredAt = at,
    };

    private static OrganisationProfileUpdated Updated(OrganisationRegistered registered, string name, DateTimeOffset at) => new()
    {
        OrganisationId = registered.OrganisationId,
        Name = name,
        Kind = registered.Kind,
        Regions = registered.Regions,
        Topics = registered.Topics,
        Languages = registered.Languages,
        TargetGroups = registered.TargetGroups,
        OccurredAt = at,
    };

    private async Task DeliverAsync<TConsumer, TMessage>(TMessage message, Guid? messageId = null)
        where TConsumer : class, IConsumer<TMessage>
        where TMessage : class
    {
        var id = messageId ?? NewId.NextGuid();
        await harness.Bus.Publish(message, context => context.MessageId = id);
        Assert.True(await harness.GetConsumerHarness<TConsumer>().Consumed.Any<TMessage>(m => m.Context.MessageId == id));
    }

    private async Task<(string Name, string Kind, string Status, string[] Regions, string[] Languages)> RowAsync(Guid id)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(string, string, string, string[], string[])>(
            "SELECT name, kind, status, regions, languages FROM organisations WHERE id = @id", new { id });
    }
}
