using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Testing;
using Npgsql;

namespace Network.Messaging.Benchmark;

/// <summary>
/// Shows that an announcement to a large audience does not slow other requests: the latencies of
/// ordinary requests (a member reading the inbox and the conversation list) without a fan-out, then
/// while the background fan-out to `--recipients` people runs, measured in the same run, so the ratio
/// means something even on a busy machine. Prints the numbers; asserts nothing.
/// </summary>
internal static class FanOutBenchmark
{
    public static async Task Main(string[] args)
    {
        var recipients = ReadOption(args, "--recipients", 10_000);
        var membersPerOrganisation = ReadOption(args, "--members-per-organisation", 10);
        var clients = ReadOption(args, "--clients", 4);
        var baselineRequests = ReadOption(args, "--baseline-requests", 400);

        var database = await TestDatabase.CreateAsync("messaging_bench");
        var issuer = await TestIssuer.StartAsync();
        var mailFolder = Directory.CreateTempSubdirectory("network-messaging-bench").FullName;
        try
        {
            using var host = new BenchmarkHost(database, issuer, mailFolder);
            host.Start();
            Console.WriteLine($"Messaging on port {host.Port}; seeding {recipients:N0} people in {recipients / membersPerOrganisation:N0} organisations...");
            var members = await SeedAsync(database, recipients, membersPerOrganisation);

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{host.Port}") };
            var readers = members.Take(clients).Select(m => Authorised(http, issuer.Issue(m.AccountId, m.OrganisationId))).ToList();
            var coordinator = Authorised(http, issuer.IssueCoordinator(Guid.NewGuid()));

            await MeasureAsync(readers, () => false, 50); // warm-up: JIT, connection pools
            var baseline = await MeasureAsync(readers, () => false, baselineRequests);

            var started = Stopwatch.StartNew();
            using var post = await coordinator.PostAsJsonAsync("/api/messaging/announcements", new
            {
                title = "Neue Bildungsreihe der DiFair Akademie",
                body = "Die diesjährigen Fachinputs stehen fest. Die Plätze sind begrenzt – also direkt anmelden!",
                audience = new { kinds = new[] { "mso" }, regions = new[] { "berlin" }, topics = new[] { "empowerment" } },
            });
            var accepted = started.Elapsed;
            post.EnsureSuccessStatusCode();
            var id = (await post.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

            var delivered = false;
            var watcher = Task.Run(async () =>
            {
                while (!delivered)
                {
                    var announcement = await coordinator.GetFromJsonAsync<JsonElement>($"/api/messaging/announcements/{id}");
                    delivered = announcement.GetProperty("status").GetString() == "delivered";
                    await Task.Delay(20);
                }
            });
            var during = await MeasureAsync(readers, () => delivered, int.MaxValue);
            await watcher;
            var fanOut = started.Elapsed;

            await using var connection = new NpgsqlConnection(database.ConnectionString);
            var notified = await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM notifications WHERE source_key = @key", new { key = $"announcement:{id}" });

            Console.WriteLine();
            Console.WriteLine($"Announcement accepted (202) after {Ms(accepted)}; fanned out to {notified:N0} people in {Ms(fanOut)}.");
            Console.WriteLine($"Other requests ({clients} clients reading the inbox and the conversation list):");
            Console.WriteLine($"  {"",-18} {"requests",9} {"p50",9} {"p95",9} {"p99",9} {"max",9}");
            Print("without fan-out", baseline);
            Print("during fan-out", during);
            Console.WriteLine($"  p95 during / without: {Percentile(during, 0.95) / Percentile(baseline, 0.95):0.00}");
        }
        finally
        {
            await issuer.DisposeAsync();
            await database.DisposeAsync();
            Directory.Delete(mailFolder, recursive: true);
        }
    }

    // Each client alternates between the two reads until `stop` says so or it has made `limit` requests.
    private static async Task<List<TimeSpan>> MeasureAsync(List<HttpClient> readers, Func<bool> stop, int limit)
    {
        var latencies = new List<TimeSpan>();
        var perClient = limit == int.MaxValue ? int.MaxValue : Math.Max(1, limit / readers.Count);
        await Task.WhenAll(readers.Select(async client =>
        {
            for (var i = 0; i < perClient && !stop(); i++)
            {
                var watch = Stopwatch.StartNew();
                using var response = await client.GetAsync(i % 2 == 0 ? "/api/messaging/notifications" : "/api/messaging/conversations");
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed);
                }
            }
        }));
        return latencies;
    }

    // Verified MSOs in Berlin districts working on empowerment, each with its members: the audience.
    private static async Task<List<(Guid AccountId, Guid OrganisationId)>> SeedAsync(TestDatabase database, int recipients, int perOrganisation)
    {
        var districts = new[] { "berlin_lichtenberg", "berlin_neukoelln", "berlin_mitte", "berlin_pankow" };
        var organisations = Enumerable.Range(0, Math.Max(1, recipients / perOrganisation)).Select(_ => Guid.NewGuid()).ToArray();
        var members = organisations.SelectMany(o => Enumerable.Range(0, perOrganisation).Select(_ => (AccountId: Guid.NewGuid(), OrganisationId: o))).ToList();
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.ExecuteAsync(
            """
            INSERT INTO organisations (id, name, kind, status, regions, topics)
            SELECT id, 'Verein ' || n, 'mso', 'verified', ARRAY[(@districts)[1 + n % 4]], ARRAY['empowerment']
            FROM unnest(@organisations) WITH ORDINALITY AS o (id, n);
            INSERT INTO accounts (id, display_name, email, locale, email_confirmed_at)
            SELECT id, 'Person ' || n, 'p' || n || '@bench.test', CASE WHEN n % 3 = 0 THEN 'en' ELSE 'de' END, now()
            FROM unnest(@accounts) WITH ORDINALITY AS a (id, n);
            INSERT INTO memberships (organisation_id, account_id, role, active, changed_at)
            SELECT organisation_id, account_id, 'member', true, now() FROM unnest(@memberOrganisations, @accounts) AS m (organisation_id, account_id);
            """,
            new
            {
                districts,
                organisations,
                accounts = members.Select(m => m.AccountId).ToArray(),
                memberOrganisations = members.Select(m => m.OrganisationId).ToArray(),
            });
        return members;
    }

    private static HttpClient Authorised(HttpClient template, string token)
    {
        var client = new HttpClient { BaseAddress = template.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private static void Print(string label, List<TimeSpan> latencies) =>
        Console.WriteLine($"  {label,-18} {latencies.Count,9} {Ms(Percentile(latencies, 0.50)),9} {Ms(Percentile(latencies, 0.95)),9} {Ms(Percentile(latencies, 0.99)),9} {Ms(latencies.Max()),9}");

    private static TimeSpan Percentile(List<TimeSpan> latencies, double share)
    {
        var sorted = latencies.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    private static string Ms(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", CultureInfo.InvariantCulture) + " ms";

    private static int ReadOption(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
