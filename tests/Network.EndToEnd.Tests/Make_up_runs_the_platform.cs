using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Testing;

namespace Network.EndToEnd.Tests;

/// <summary>
/// The README's first command, as a newcomer runs it: `infra/local/platform.sh up` (what `make up`
/// calls) on ports of its own, then `down`, then `up` again on the same state.
/// </summary>
[Collection(Name)]
public sealed class Make_up_runs_the_platform
{
    public const string Name = "make up";

    private readonly string state = Path.Combine(TestServers.StateDirectory, "make-up");
    private readonly Dictionary<string, string> environment;
    private readonly int gatewayPort = TestServers.FreeLoopbackPort();

    public Make_up_runs_the_platform()
    {
        environment = new Dictionary<string, string>
        {
            ["NETWORK_STATE_DIR"] = state,
            ["NETWORK_DETACH"] = "1",
            ["NETWORK_BUILD"] = "0",
            ["NETWORK_CONFIGURATION"] = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name,
            ["NETWORK_GATEWAY_PORT"] = gatewayPort.ToString(),
            ["NETWORK_GATEWAY_HEALTH_INTERVAL_SECONDS"] = "1",
            ["NETWORK_PG_PORT"] = TestServers.FreeLoopbackPort().ToString(),
            // RabbitMQ also takes this port + 20000 for its node; stay below 45535.
            ["NETWORK_AMQP_PORT"] = Random.Shared.Next(30000, 40000).ToString(),
        };
        foreach (var service in new[] { "DIRECTORY", "MATCHING", "EVENTS", "MESSAGING", "WEB" })
        {
            environment[$"NETWORK_{service}_PORT"] = TestServers.FreeLoopbackPort().ToString();
        }
    }

    [Fact]
    public async Task Up_reaches_ready_down_stops_everything_and_a_second_up_keeps_the_data()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{gatewayPort}"), Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            var (upExit, upOutput) = await RunAsync("up");
            Assert.True(upExit == 0, upOutput);
            Assert.Contains($"http://localhost:{gatewayPort}", upOutput);
            Assert.Contains("/api/docs", upOutput);
            Assert.Matches(@"Coordinator:\s+\S+@\S+ / \S{12,}", upOutput);

            var readiness = await http.GetFromJsonAsync<JsonElement>("/health/ready");
            Assert.Equal("healthy", readiness.GetProperty("status").GetString());
            var email = $"keeps.{Guid.NewGuid():N}@verein.de";
            var signUp = await http.PostAsJsonAsync("/api/directory/accounts", new { email, password = "a long passphrase", displayName = "Bleibt", locale = "de" });
            Assert.Equal(HttpStatusCode.Created, signUp.StatusCode);

            var pids = System.IO.Directory.GetFiles(Path.Combine(state, "pids"), "*.pid").Select(f => int.Parse(File.ReadAllText(f).Trim())).ToList();
            Assert.Equal(6, pids.Count);
            var (downExit, downOutput) = await RunAsync("down");
            Assert.True(downExit == 0, downOutput);
            Assert.All(pids, pid => Assert.False(IsRunning(pid), $"process {pid} still runs after down"));
            await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/health/live"));

            var (againExit, againOutput) = await RunAsync("up");
            Assert.True(againExit == 0, againOutput);
            var signIn = await http.PostAsJsonAsync("/api/directory/auth/token", new { email, password = "a long passphrase" });
            Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        }
        finally
        {
            await RunAsync("down");
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync(string command)
    {
        var start = new ProcessStartInfo(Path.Combine(TestServers.RepositoryRoot, "infra", "local", "platform.sh"), [command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
