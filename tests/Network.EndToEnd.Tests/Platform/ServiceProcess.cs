using System.Diagnostics;

namespace Network.EndToEnd.Tests.Platform;

/// <summary>
/// One of our services as a real process (`dotnet Network.X.dll`), started from the solution's
/// build output with its own port and settings. Its output goes to a log file in the test state
/// folder, and the last lines are shown when it fails to become ready.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly string assembly;
    private readonly IReadOnlyDictionary<string, string> environment;
    private readonly string logFile;
    private Process? process;

    public ServiceProcess(string name, string assembly, int port, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        Name = name;
        Port = port;
        this.assembly = assembly;
        this.environment = environment;
        logFile = Path.Combine(logFolder, name + ".log");
    }

    public string Name { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}");

    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    public void Start()
    {
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{assembly} is missing: build the solution before running the end-to-end tests.");
        }

        var start = new ProcessStartInfo("dotnet", [assembly])
        {
            WorkingDirectory = Path.GetDirectoryName(assembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, line) => Write(log, line.Data);
        process.ErrorDataReceived += (_, line) => Write(log, line.Data);
        process.Exited += (_, _) => Write(log, $"--- process exited with {SafeExitCode()} ---");
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>SIGKILL: no shutdown, no flushing, no acknowledgements; what a crash looks like.</summary>
    public void KillHard()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public async Task WaitUntilReadyAsync(HttpClient http, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        var last = "no answer";
        while (DateTime.UtcNow < deadline)
        {
            if (process is { HasExited: true })
            {
                throw new InvalidOperationException($"{Name} exited during start-up.\n{LogTail()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/health/ready"));
                var body = await response.Content.ReadAsStringAsync();
                // "Degraded" answers 200 too: the bus is still reconnecting its endpoints (after a
                // start, or after a test stopped the broker). Ready means every check healthy.
                if (response.IsSuccessStatusCode && !body.Contains("degraded", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                last = $"{(int)response.StatusCode}: {body}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{Name} was not ready after {timeout.TotalSeconds} s (last answer: {last}).\n{LogTail()}");
    }

    public string LogTail(int lines = 40)
    {
        try
        {
            using var stream = new FileStream(logFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return $"--- last lines of {logFile} ---\n" + string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException)
        {
            return $"(no log at {logFile})";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            // A polite stop first, so the last spans are flushed; then no more waiting.
            Process.Start("kill", ["-TERM", process.Id.ToString()])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        process?.Dispose();
    }

    private string SafeExitCode()
    {
        try
        {
            return process!.ExitCode.ToString();
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
