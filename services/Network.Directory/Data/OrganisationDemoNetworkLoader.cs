using Dapper;
using Network.Directory.Domain;
using Network.Directory.Security;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>
/// With NETWORK_DEMO_DATA=true (`make up` sets it unless told otherwise), fills an empty directory
/// with the <see cref="DemoNetwork"/> at start-up, so the platform has someone in it from the first
/// minute. Only an empty directory: a directory with any organisation is somebody's real data.
/// The organisations are created by a coordinator (the bootstrap coordinator) without members,
/// and announced like any other (OrganisationRegistered, and OrganisationVerified for the verified
/// ones), so the other services learn of them the usual way.
/// </summary>
internal sealed partial class OrganisationDemoNetworkLoader(
    IConfiguration configuration,
    NpgsqlDataSource dataSource,
    TimeProvider time,
    ILogger<OrganisationDemoNetworkLoader> logger) : IHostedService
{
    public const string Setting = "NETWORK_DEMO_DATA";

    /// <summary>Two instances starting together must not both load it.</summary>
    private const long LoadingLockKey = 7_246_387_130;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!bool.TryParse(configuration[Setting], out var wanted) || !wanted)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@LoadingLockKey)", new { LoadingLockKey }, transaction, cancellationToken: cancellationToken));
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM organisations)", transaction: transaction, cancellationToken: cancellationToken)))
        {
            return;
        }

        // The bootstrap coordinator when there is one, else the first coordinator there is.
        var owner = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            """
            SELECT id FROM accounts WHERE is_coordinator
            ORDER BY lower(email) = lower(coalesce(@email, '')) DESC, created_at
            LIMIT 1
            """, new { email = configuration[CoordinatorBootstrap.EmailSetting] }, transaction, cancellationToken: cancellationToken));
        if (owner is not { } coordinatorId)
        {
            LogNoCoordinator(logger, CoordinatorBootstrap.EmailSetting);
            return;
        }

        var now = time.GetUtcNow();
        var count = 0;
        foreach (var demo in DemoNetwork.Generate(DemoNetwork.ShowcaseSize))
        {
            var organisation = await OrganisationStore.InsertAsync(transaction, Guid.CreateVersion7(), demo.Profile, demo.Status, coordinatorId, now, cancellationToken);
            await Outbox.EnqueueAsync(transaction, OrganisationStore.Registered(organisation, now), cancellationToken);
            if (demo.Status == OrganisationStatus.Verified)
            {
                await OrganisationStore.EnqueueStatusEventAsync(transaction, organisation.Id, OrganisationChange.Verify, null, coordinatorId, now, cancellationToken);
            }

            count++;
        }

        await transaction.CommitAsync(cancellationToken);
        LogLoaded(logger, count);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded the demo network: {Count} organisations")]
    private static partial void LogLoaded(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "No demo network loaded: there is no coordinator account to own it (set {Setting})")]
    private static partial void LogNoCoordinator(ILogger logger, string setting);
}
