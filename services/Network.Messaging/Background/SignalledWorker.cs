using Network.Messaging.Realtime;

namespace Network.Messaging.Background;

/// <summary>
/// A background job that runs when a database signal says there is work (on any instance, see
/// <see cref="DatabaseSignals"/>) and, as a fallback, every <see cref="Interval"/>: a signal can be
/// lost while the listener reconnects, and work can fall due by itself (a retry). Each round claims
/// its rows in the database, so several instances never do the same work twice. ServiceDefaults'
/// periodic jobs (Scheduling) only run on an interval; mails and announcements must start at once,
/// so these wake on the signal as well.
/// </summary>
public abstract partial class SignalledWorker(DatabaseListener listener, ILogger logger) : BackgroundService
{
    private readonly SemaphoreSlim wake = new(0, 1);

    /// <summary>The signal channel that wakes the worker, or null for a purely periodic one.</summary>
    protected abstract string? Channel { get; }

    protected abstract TimeSpan Interval { get; }

    /// <returns>true when there may be more to do at once (a full batch), so the next round follows without a pause.</returns>
    public abstract Task<bool> RunOnceAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Channel is { } channel)
        {
            listener.Subscribe(channel, _ => Wake());
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await RunOnceAsync(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogRoundFailed(logger, GetType().Name, exception.Message);
            }

            if (more)
            {
                continue;
            }

            try
            {
                await wake.WaitAsync(Interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void Wake()
    {
        try
        {
            if (wake.CurrentCount == 0)
            {
                wake.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Already awake.
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Worker} round failed: {Reason}")]
    private static partial void LogRoundFailed(ILogger logger, string worker, string reason);
}
