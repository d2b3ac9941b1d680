using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Network.Matching.Data;
using Network.Matching.Domain;
using Dapper;
using Network.Testing;
using Npgsql;

namespace Network.Matching.Tests.Support;

/// <summary>
/// The matching service in-process on real Kestrel, with a database of its own on the test
/// PostgreSQL and the test broker, trusting tokens of a <see cref="TestIssuer"/>. Organisations
/// reach its read model as the directory's events would leave them (<see cref="OrganisationAsync"/>).
/// </summary>
public sealed class MatchingApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public MatchingApiFactory() =>
        // Port 0: the system picks a free port as Kestrel binds (a port found free beforehand may be
        // taken by another test project's server or an outgoing connection before it is bound).
        UseKestrel(0);

    public TestDatabase Database { get; } = TestDatabase.Named("matching");

    public TestIssuer Issuer { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("NETWORK_DATABASE", Database.ConnectionString);
        builder.UseSetting("NETWORK_RABBITMQ", TestServers.RabbitMqUrl);
        builder.UseSetting("NETWORK_JWKS_URL", Issuer.JwksUrl);
    }

    public async Task InitializeAsync()
    {
        Issuer = await TestIssuer.StartAsync();
        StartServer();
    }

    /// <summary>A client signed in as a new account, member of <paramref name="organisations"/>.</summary>
    public HttpClient ClientFor(params Guid[] organisations) => WithToken(Issuer.Issue(Guid.NewGuid(), organisations));

    public HttpClient CoordinatorClient() => WithToken(Issuer.IssueCoordinator(Guid.NewGuid()));

    /// <summary>An organisation in the read model with <paramref name="status"/>, as the directory's events leave it.</summary>
    public async Task<Guid> OrganisationAsync(OrganisationStatus status)
    {
        var id = Guid.NewGuid();
        await SetStatusAsync(id, status);
        return id;
    }

    public async Task SetStatusAsync(Guid organisationId, OrganisationStatus status)
    {
        await using var connection = await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await OrganisationReadModel.SaveStatusAsync(organisationId, status, DateTimeOffset.UtcNow, transaction, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>
    /// The organisation's standing changes as the directory's event would change it: the read model and
    /// its listings' suggestions, in one transaction (what the Organisation*Consumer classes do).
    /// </summary>
    public async Task ChangeStandingAsync(Guid organisationId, OrganisationStatus status)
    {
        await using var connection = await OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await Services.GetRequiredService<SuggestionStore>().ChangeStandingAsync(organisationId, status, DateTimeOffset.UtcNow, transaction, CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>How many events of <paramref name="eventType"/> (the contract's name) the outbox holds whose JSON field <paramref name="field"/> is <paramref name="value"/>.</summary>
    public async Task<int> OutboxCountAsync(string eventType, string field, object value)
    {
        await using var connection = await OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*)::int FROM outbox_messages WHERE message_type LIKE '%.' || @eventType AND body->>@field = @value",
            new { eventType, field, value = value.ToString() });
    }

    public async Task<NpgsqlConnection> OpenConnectionAsync() => await Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();

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
