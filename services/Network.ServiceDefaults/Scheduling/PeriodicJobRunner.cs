using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Network.ServiceDefaults.Scheduling;

/// <summary>
/// Runs <typeparamref name="TJob"/> once at start-up and then every <see cref="Interval"/>. A pass
/// that fails is logged and the next one comes on time: a database that is away for a minute must
/// not end the loop for the life of the process. Passes never overlap within one process.
/// </summary>
public sealed partial class PeriodicJobRunner<TJob>(TJob job, PeriodicJobSchedule<TJob> schedule, ILogger<PeriodicJobRunner<TJob>> logger) : BackgroundService
    where TJob : class, IPeriodicJob
{
    private readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>The pause between the start of one pass and the next; zero or less means the loop does not run.</summary>
    public TimeSpan Interval => schedule.Interval;

    /// <summary>
    /// Runs one pass now, as the loop would: logged, failures caught. Tests and operators call it to
    /// make the job happen on demand instead of waiting for the interval.
    /// </summary>
    /// <returns>Whether the pass succeeded.</returns>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await oneAtATime.WaitAsync(cancellationToken);
        try
        {
            var handled = await job.RunOnceAsync(cancellationToken);
            if (handled > 0)
            {
                LogPassHandled(logger, typeof(TJob).Name, handled);
            }

            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            LogPassFailed(logger, exception, typeof(TJob).Name);
            return false;
        }
        finally
        {
            oneAtATime.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Interval <= TimeSpan.Zero)
        {
            LogDisabled(logger, typeof(TJob).Name);
            return;
        }

        using var timer = new PeriodicTimer(Interval);
        do
        {
            await RunOnceAsync(stoppingToken);
        }
        while (await WaitForNextTickAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitForNextTickAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Periodic job {Job} handled {Count} items")]
    private static partial void LogPassHandled(ILogger logger, string job, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Periodic job {Job} failed; it runs again at its next interval")]
    private static partial void LogPassFailed(ILogger logger, Exception exception, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Periodic job {Job} is switched off (interval zero); it runs only on demand")]
    private static partial void LogDisabled(ILogger logger, string job);
}

/// <summary>How often <typeparamref name="TJob"/> runs; one per job type, so two jobs of a service have their own settings.</summary>
public sealed record PeriodicJobSchedule<TJob>(TimeSpan Interval)
    where TJob : class, IPeriodicJob;
