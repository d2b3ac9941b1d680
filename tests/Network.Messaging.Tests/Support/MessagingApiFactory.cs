using System.Net.Http.Headers;
using Dapper;
using MassTransit;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Network.Contracts;
using Network.Contracts.Directory;
using Network.Directory.Tests;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.Testing;
using Npgsql;

namespace Network.Messaging.Tests.Support;

/// <summary>
/// The messaging service in-process on real Kestrel, with a database of its own on the test
/// PostgreSQL, the test broker, a pickup folder for its mails, and tokens of a <see cref="TestIssuer"/>.
/// Its queues carry a name of their own and go away with it: the broker is shared by every test
/// class (and other projects' tests), and two instances on one queue would take each other's
/// messages. Events reach it the way they reach the real service, through the broker
/// (<see cref="DeliverAsync{TEvent}"/>).
/// </summary>
public sealed class MessagingApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string PublicUrl = "https://network.test";

    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private readonly string queuePrefix = $"messaging-test-{Guid.NewGuid():N}"[..28];

    public MessagingApiFactory() =>
        // Port 0: the system picks a free port as Kestrel binds (a port found free beforehand may be
        // taken by another test project's server or an outgoing connection before it is bound).
        UseKestrel(0);

    public TestDatabase Database { get; } = TestDatabase.Named("messaging");

    public TestIssuer Issuer { get; private set; } = null!;

    public Mailbox Mailbox { get; } = Mailbox.Create();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NETWORK_DATABASE", Database.ConnectionString);
        builder.UseSetting("NETWORK_RABBITMQ", TestServers.RabbitMqUrl);
        builder.UseSetting("NETWORK_JWKS_URL", Issuer.JwksUrl);
        builder.UseSetting("NETWORK_MAIL_PICKUP_DIR", Mailbox.Folder);
        builder.UseSetting("NETWORK_PUBLIC_URL", PublicUrl);
        builder.ConfigureTestServices(services =>
        {
            services.Replace(ServiceDescriptor.Singleton<IEndpointNameFormatter>(new KebabCaseEndpointNameFormatter(queuePrefix, includeNamespace: false)));
            services.AddSingleton<IConfigureReceiveEndpoint>(new TemporaryQueues());
            // Start-up returns once the queues are bound, so no event a test publishes is lost.
            services.Configure<MassTransitHostOptions>(options => options.WaitUntilStarted = true);
        });
    }

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        StartServer();
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<NpgsqlConnection> OpenConnectionAsync() => await Service<NpgsqlDataSource>().OpenConnectionAsync();

    /// <summary>A client signed in as <paramref name="accountId"/>, member (org_admin) of <paramref name="organisations"/>.</summary>
    public HttpClient ClientFor(Guid accountId, params Guid[] organisations) => WithToken(Issuer.Issue(accountId, organisations));

    public HttpClient CoordinatorClient(Guid? accountId = null) => WithToken(Issuer.IssueCoordinator(accountId ?? Guid.NewGuid()));

    /// <summary>
    /// Publishes the event on the broker and waits until the service has handled it: its message id
    /// is in the inbox. A consumer that fails keeps retrying, and the wait ends in a TimeoutException.
    /// </summary>
    public async Task<Guid> DeliverAsync<TEvent>(TEvent message, Guid? messageId = null)
        where TEvent : class, IIntegrationEvent
    {
        var id = messageId ?? NewId.NextGuid();
        await Service<IBus>().Publish(message, context => context.MessageId = id);
        await WaitUntilAsync(
            async () =>
            {
                await using var connection = await OpenConnectionAsync();
                return await connection.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM inbox_messages WHERE message_id = @id)", new { id });
            },
            $"{typeof(TEvent).Name} {id} was not handled");
        return id;
    }

    /// <summary>An account in the read model, with a confirmed address unless told otherwise.</summary>
    public async Task<TestAccount> AccountAsync(string locale = "de", bool confirmed = true, string? name = null)
    {
        TestAccount? account = null;
        await InTransactionAsync(async transaction => account = await TestAccount.SaveAsync(transaction, locale, confirmed, name));
        return account!;
    }

    /// <summary>An organisation in the read model, as the directory's events leave it, with <paramref name="members"/>.</summary>
    public async Task<Guid> OrganisationAsync(
        string name = "Vietnam-Haus e. V.",
        string kind = "mso",
        string[]? regions = null,
        string[]? topics = null,
        OrganisationStatus status = OrganisationStatus.Verified,
        params TestAccount[] members)
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await InTransactionAsync(async transaction =>
        {
            await DirectoryReadModel.SaveProfileAsync(
                new(id, name, kind, regions ?? ["berlin_lichtenberg"], topics ?? ["language_mediation"], now), transaction, CancellationToken.None);
            await DirectoryReadModel.SaveStatusAsync(id, status, now, transaction, CancellationToken.None);
            foreach (var member in members)
            {
                await DirectoryReadModel.SaveMembershipAsync(id, member.Id, "member", active: true, now, transaction, CancellationToken.None);
            }
        });
        return id;
    }

    public async Task InTransactionAsync(Func<NpgsqlTransaction, Task> work)
    {
        await using var connection = await OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(transaction);
        await transaction.CommitAsync();
    }

    /// <summary>The account's notifications, oldest first.</summary>
    public async Task<IReadOnlyList<StoredNotification>> NotificationsOfAsync(Guid accountId)
    {
        await using var connection = await OpenConnectionAsync();
        return (await connection.QueryAsync<StoredNotification>(
            """
            SELECT type, source_key, title, body, link, delivery, email_sent_at, email_given_up_at, digest_sent_at
            FROM notifications WHERE account_id = @accountId ORDER BY created_at, id
            """,
            new { accountId })).ToList();
    }

    /// <summary>Polls until <paramref name="condition"/> holds; a deadline, not a timing assertion.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string failure)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(failure);
            }

            await Task.Delay(50);
        }
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        await Issuer.DisposeAsync();
        await Database.DisposeAsync();
        Mailbox.Dispose();
    }

    private HttpClient WithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>Queues that the broker deletes once this test host has stopped consuming them.</summary>
    private sealed class TemporaryQueues : IConfigureReceiveEndpoint
    {
        public void Configure(string name, IReceiveEndpointConfigurator configurator)
        {
            if (configurator is IRabbitMqReceiveEndpointConfigurator rabbit)
            {
                rabbit.AutoDelete = true;
            }
        }
    }
}

public sealed record TestAccount(Guid Id, string Name, string Email, string Locale)
{
    /// <summary>A new account in the read model, as the directory's events leave it, with a confirmed address unless told otherwise.</summary>
    public static async Task<TestAccount> SaveAsync(NpgsqlTransaction transaction, string locale = "de", bool confirmed = true, string? name = null)
    {
        var account = new TestAccount(Guid.NewGuid(), name ?? "Tesfay Gebremedhin", $"{Guid.NewGuid():N}@verein.test", locale);
        await DirectoryReadModel.SaveAccountAsync(
            new AccountRegistered { AccountId = account.Id, DisplayName = account.Name, Email = account.Email, Locale = locale, OccurredAt = DateTimeOffset.UtcNow },
            transaction,
            CancellationToken.None);
        if (confirmed)
        {
            await DirectoryReadModel.ConfirmEmailAsync(
                new AccountEmailConfirmed { AccountId = account.Id, Email = account.Email, OccurredAt = DateTimeOffset.UtcNow }, transaction, CancellationToken.None);
        }

        return account;
    }
}

public sealed record StoredNotification(
    string Type, string SourceKey, string Title, string Body, string? Link, string Delivery, DateTime? EmailSentAt, DateTime? EmailGivenUpAt, DateTime? DigestSentAt);
