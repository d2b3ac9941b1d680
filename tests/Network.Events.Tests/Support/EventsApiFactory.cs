using System.Net.Http.Headers;
using Dapper;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Contracts.Directory;
using Network.Events.Consumers;
using Network.Events.Reminders;
using Network.ServiceDefaults.Scheduling;
using Network.Testing;
using Npgsql;

namespace Network.Events.Tests.Support;

/// <summary>
/// The events service in-process on real Kestrel, with a database of its own on the test
/// PostgreSQL and the test broker, trusting tokens of a <see cref="TestIssuer"/>, on a
/// <see cref="TestClock"/>. The reminder loop is switched off: tests run its passes on demand.
/// </summary>
public sealed class EventsApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public EventsApiFactory() =>
        // Port 0: the system picks a free port as Kestrel binds (a port found free beforehand may be
        // taken by another test project's server or an outgoing connection before it is bound).
        UseKestrel(0);

    public TestDatabase Database { get; } = TestDatabase.Named("events");

    public TestIssuer Issuer { get; private set; } = null!;

    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NETWORK_DATABASE", Database.ConnectionString + ";Maximum Pool Size=30");
        builder.UseSetting("NETWORK_RABBITMQ", TestServers.RabbitMqUrl);
        builder.UseSetting("NETWORK_JWKS_URL", Issuer.JwksUrl);
        builder.UseSetting("NETWORK_PUBLIC_URL", "https://network.example");
        builder.UseSetting(SessionReminderJob.IntervalSetting, "0");
        builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        StartServer();
    }

    /// <summary>A client signed in as <paramref name="accountId"/> (a new account when null), member of <paramref name="organisations"/>.</summary>
    public HttpClient ClientFor(Guid? accountId = null, params Guid[] organisations) => WithToken(Issuer.Issue(accountId ?? Guid.NewGuid(), organisations));

    /// <summary>A client signed in as a new account, member of <paramref name="organisations"/>.</summary>
    public HttpClient MemberOf(params Guid[] organisations) => ClientFor(null, organisations);

    public HttpClient CoordinatorClient() => WithToken(Issuer.IssueCoordinator(Guid.NewGuid()));

    public HttpClient AnonymousClient() => CreateClient();

    public PeriodicJobRunner<SessionReminderJob> Reminders => Services.GetRequiredService<PeriodicJobRunner<SessionReminderJob>>();

    /// <summary>A new organisation that the directory has verified, as the events service heard it.</summary>
    public async Task<Guid> VerifiedOrganisationAsync()
    {
        var id = Guid.NewGuid();
        await ChangeOrganisationStatusAsync(id, "verified", Clock.GetUtcNow());
        return id;
    }

    /// <summary>A new organisation that the directory registered and then, unless <paramref name="status"/> is pending, moved to that status.</summary>
    public async Task<Guid> OrganisationInStatusAsync(string status)
    {
        var id = Guid.NewGuid();
        await new OrganisationRegisteredConsumer(Services.GetRequiredService<NpgsqlDataSource>()).Consume(DirectDelivery.Of(new OrganisationRegistered
        {
            OrganisationId = id,
            Name = "Verein im Aufbau",
            Kind = "association",
            Regions = [],
            Topics = [],
            Languages = [],
            TargetGroups = [],
            CreatedByAccountId = Guid.NewGuid(),
            OccurredAt = Clock.GetUtcNow(),
        }));
        if (status != "pending")
        {
            await ChangeOrganisationStatusAsync(id, status, Clock.GetUtcNow().AddSeconds(1));
        }

        return id;
    }

    /// <summary>Delivers the directory's event that moves the organisation to <paramref name="change"/> (verified, rejected, suspended, reinstated) at <paramref name="at"/>.</summary>
    public async Task ChangeOrganisationStatusAsync(Guid id, string change, DateTimeOffset at)
    {
        var dataSource = Services.GetRequiredService<NpgsqlDataSource>();
        var coordinator = Guid.NewGuid();
        await (change switch
        {
            "verified" => new OrganisationVerifiedConsumer(dataSource).Consume(DirectDelivery.Of(new OrganisationVerified { OrganisationId = id, CoordinatorAccountId = coordinator, OccurredAt = at })),
            "rejected" => new OrganisationRejectedConsumer(dataSource).Consume(DirectDelivery.Of(new OrganisationRejected { OrganisationId = id, CoordinatorAccountId = coordinator, Reason = "Kein Bezug zur Region.", OccurredAt = at })),
            "suspended" => new OrganisationSuspendedConsumer(dataSource).Consume(DirectDelivery.Of(new OrganisationSuspended { OrganisationId = id, Reason = "Beschwerden.", OccurredAt = at })),
            "reinstated" => new OrganisationReinstatedConsumer(dataSource).Consume(DirectDelivery.Of(new OrganisationReinstated { OrganisationId = id, OccurredAt = at })),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not a change of the directory."),
        });
    }

    public async Task<NpgsqlConnection> OpenConnectionAsync() => await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

    /// <summary>The bodies of the outbox rows of <typeparamref name="TEvent"/> that mention <paramref name="id"/>.</summary>
    public async Task<IReadOnlyList<string>> OutboxAsync<TEvent>(Guid id)
    {
        await using var connection = await OpenConnectionAsync();
        return (await connection.QueryAsync<string>(
            "SELECT body::text FROM outbox_messages WHERE message_type = @type AND strpos(body::text, @id) > 0 ORDER BY created_at, id",
            new { type = typeof(TEvent).FullName, id = id.ToString() })).ToList();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
        await Database.DisposeAsync();
    }

    private HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
