using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Scheduling;

namespace Network.ServiceDefaults.Tests.Scheduling;

public sealed class Running_periodic_jobs
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_job_runs_at_start_and_again_every_interval()
    {
        var job = new CountingJob(passesToWaitFor: 3);
        var runner = Runner(job, TimeSpan.FromMilliseconds(20));

        await runner.StartAsync(CancellationToken.None);
        await job.Enough.Task.WaitAsync(Patience);
        await runner.StopAsync(CancellationToken.None);

        Assert.True(job.Passes >= 3);
    }

    [Fact]
    public async Task A_failing_pass_is_logged_and_the_next_pass_still_comes()
    {
        var job = new CountingJob(passesToWaitFor: 3, failFirst: true);
        var logger = new RecordingLogger();
        var runner = new PeriodicJobRunner<CountingJob>(job, new PeriodicJobSchedule<CountingJob>(TimeSpan.FromMilliseconds(20)), logger);

        await runner.StartAsync(CancellationToken.None);
        await job.Enough.Task.WaitAsync(Patience);
        await runner.StopAsync(CancellationToken.None);

        Assert.Contains(logger.Entries, entry => entry.Level == LogLevel.Error && entry.Exception is InvalidOperationException);
    }

    [Fact]
    public async Task Running_on_demand_does_one_pass_and_reports_its_failure()
    {
        var job = new CountingJob(passesToWaitFor: 2, failFirst: true);
        var runner = Runner(job, TimeSpan.Zero);

        var first = await runner.RunOnceAsync();
        var second = await runner.RunOnceAsync();

        Assert.False(first);
        Assert.True(second);
        Assert.Equal(2, job.Passes);
    }

    [Fact]
    public async Task A_zero_interval_switches_the_loop_off()
    {
        var job = new CountingJob(passesToWaitFor: 1);
        var runner = Runner(job, TimeSpan.Zero);

        await runner.StartAsync(CancellationToken.None);
        // With the loop off, ExecuteAsync returns at once instead of waiting for ticks.
        await runner.ExecuteTask!.WaitAsync(Patience);
        await runner.StopAsync(CancellationToken.None);

        Assert.Equal(0, job.Passes);
    }

    [Fact]
    public async Task Passes_of_one_runner_never_overlap()
    {
        var job = new OverlapDetectingJob();
        var runner = new PeriodicJobRunner<OverlapDetectingJob>(job, new PeriodicJobSchedule<OverlapDetectingJob>(TimeSpan.Zero), NullLogger<PeriodicJobRunner<OverlapDetectingJob>>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => runner.RunOnceAsync()));

        Assert.Equal(20, job.Passes);
        Assert.False(job.Overlapped);
    }

    [Theory]
    [InlineData("90", 90)]
    [InlineData("0.5", 0.5)]
    [InlineData("0", 0)]
    [InlineData(null, 300)]
    [InlineData("soon", 300)]
    [InlineData("-1", 300)]
    public void The_interval_comes_from_a_setting_in_seconds(string? setting, double expectedSeconds)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["NETWORK_TEST_JOB_INTERVAL_SECONDS"] = setting }).Build();
        var services = new ServiceCollection().AddLogging();

        services.AddPeriodicJob<CountingJob>(configuration, "NETWORK_TEST_JOB_INTERVAL_SECONDS", TimeSpan.FromMinutes(5));
        services.AddSingleton(new CountingJob(1));
        using var provider = services.BuildServiceProvider();

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), provider.GetRequiredService<PeriodicJobRunner<CountingJob>>().Interval);
        Assert.Same(provider.GetRequiredService<PeriodicJobRunner<CountingJob>>(), provider.GetServices<Microsoft.Extensions.Hosting.IHostedService>().Single());
    }

    private static PeriodicJobRunner<CountingJob> Runner(CountingJob job, TimeSpan interval) =>
        new(job, new PeriodicJobSchedule<CountingJob>(interval), NullLogger<PeriodicJobRunner<CountingJob>>.Instance);

    public sealed class CountingJob(int passesToWaitFor, bool failFirst = false) : IPeriodicJob
    {
        private int passes;

        public TaskCompletionSource Enough { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Passes => Volatile.Read(ref passes);

        public Task<int> RunOnceAsync(CancellationToken cancellationToken)
        {
            var pass = Interlocked.Increment(ref passes);
            if (pass >= passesToWaitFor)
            {
                Enough.TrySetResult();
            }

            return failFirst && pass == 1 ? throw new InvalidOperationException("The database is away.") : Task.FromResult(1);
        }
    }

    public sealed class OverlapDetectingJob : IPeriodicJob
    {
        private int running;
        private int passes;

        public bool Overlapped { get; private set; }

        public int Passes => passes;

        public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref running) > 1)
            {
                Overlapped = true;
            }

            await Task.Yield();
            Interlocked.Increment(ref passes);
            Interlocked.Decrement(ref running);
            return 0;
        }
    }

    private sealed class RecordingLogger : ILogger<PeriodicJobRunner<CountingJob>>
    {
        private readonly List<(LogLevel Level, Exception? Exception)> entries = [];

        public IReadOnlyList<(LogLevel Level, Exception? Exception)> Entries
        {
            get
            {
                lock (entries)
                {
                    return entries.ToList();
                }
            }
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (entries)
            {
                entries.Add((logLevel, exception));
            }
        }
    }
}
