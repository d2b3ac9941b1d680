using System.Runtime.InteropServices;
using Network.Matching.Benchmark;

var (options, error) = BenchmarkOptions.Read(args, Environment.GetEnvironmentVariable);
if (options is null)
{
    if (error is not null)
    {
        Console.Error.WriteLine(error);
    }

    Console.Error.WriteLine(BenchmarkOptions.Usage);
    return error is null ? 0 : 2;
}

// Ctrl-C and SIGTERM cancel the run instead of killing the process, so the database is still dropped.
using var cancellation = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Cancel);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Cancel);
try
{
    await MatchingBenchmark.RunAsync(options, cancellation.Token);
    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("Interrupted.");
    return 130;
}

void Cancel(PosixSignalContext context)
{
    context.Cancel = true;
    cancellation.Cancel();
}
