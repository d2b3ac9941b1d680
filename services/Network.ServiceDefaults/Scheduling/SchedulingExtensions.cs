using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Network.ServiceDefaults.Scheduling;

public static class SchedulingExtensions
{
    /// <summary>
    /// Runs <typeparamref name="TJob"/> (a singleton) in the background every interval. The interval
    /// is read in seconds from <paramref name="intervalSetting"/> (an environment variable such as
    /// `NETWORK_EVENTS_REMINDER_INTERVAL_SECONDS`), else <paramref name="defaultInterval"/>; `0`
    /// switches the loop off, leaving <see cref="PeriodicJobRunner{TJob}.RunOnceAsync"/> to run
    /// passes on demand. Resolve <see cref="PeriodicJobRunner{TJob}"/> to run one.
    /// </summary>
    public static IServiceCollection AddPeriodicJob<TJob>(
        this IServiceCollection services, IConfiguration configuration, string intervalSetting, TimeSpan defaultInterval)
        where TJob : class, IPeriodicJob
    {
        services.AddSingleton(new PeriodicJobSchedule<TJob>(ReadInterval(configuration[intervalSetting], defaultInterval)));
        services.AddSingleton<TJob>();
        services.AddSingleton<PeriodicJobRunner<TJob>>();
        services.AddHostedService(provider => provider.GetRequiredService<PeriodicJobRunner<TJob>>());
        return services;
    }

    /// <summary>Seconds as written in a setting (decimals allowed); anything unreadable or negative keeps the default.</summary>
    public static TimeSpan ReadInterval(string? seconds, TimeSpan defaultInterval) =>
        double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value >= 0 && value <= TimeSpan.MaxValue.TotalSeconds
            ? TimeSpan.FromSeconds(value)
            : defaultInterval;
}
