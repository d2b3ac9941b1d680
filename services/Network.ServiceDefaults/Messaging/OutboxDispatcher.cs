using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Network.ServiceDefaults.Messaging;

/// <summary>
/// Keeps relaying the outbox: woken at once by `NOTIFY` when a transaction that wrote an event
/// commits, and by a timer as a fallback (a lost notification, a retry that fell due, rows left
/// by an instance that stopped).
/// </summary>
public sealed partial class OutboxDispatcher(NpgsqlDataSource dataSource, OutboxRelay relay, ILogger<OutboxDispatcher> logger) : BackgroundService
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan PruneInterval = TimeSpan.FromHours(1);

    private readonly SemaphoreSlim wake = new(0, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var listening = ListenAsync(stoppingToken);
        var nextPrune = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            try
            {
                claimed = await relay.RelayBatchAsync(stoppingToken);
                if (DateTimeOffset.UtcNow >= nextPrune)
                {
                    await relay.PruneAsync(stoppingToken);
                    nextPrune = DateTimeOffset.UtcNow + PruneInterval;
                }
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRelayFailed(logger, exception.Message);
            }

            if (claimed == OutboxRelay.BatchSize)
            {
                continue;
            }

            try
            {
                await wake.WaitAsync(PollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        await listening;
    }

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, _) => Wake();
                await using (var listen = connection.CreateCommand())
                {
                    listen.CommandText = $"LISTEN {Outbox.Channel}";
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                // Rows may have been written while we were not listening.
                Wake();
                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, exception.Message);
                try
                {
                    await Task.Delay(PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Wake()
    {
        if (wake.CurrentCount == 0)
        {
            try
            {
                wake.Release();
            }
            catch (SemaphoreFullException)
            {
                // Already awake.
            }
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay failed: {Reason}")]
    private static partial void LogRelayFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox listener lost its connection: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, string reason);
}
