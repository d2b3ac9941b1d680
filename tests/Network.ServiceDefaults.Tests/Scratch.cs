using System.Text.Json;
using MassTransit;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Http;
using Network.Testing;
using Xunit.Abstractions;

namespace Network.ServiceDefaults.Tests;

public class Scratch(ITestOutputHelper output)
{
    public enum Kind { ServiceProvider, MigrantSelfOrganisation }
    public sealed record Body(string Name, Kind Kind, int Places);

    [Fact]
    public void Json()
    {
        foreach (var text in new[] { "not json", "{\"name\": \"x\", \"kind\": }", "{\"name\": \"x\",", "{\"name\": \"x\", \"kind\": \"nope\"}", "{\"name\": \"x\", \"kind\": 1}", "{\"name\": \"x\", \"colour\": 1}", "{\"name\": 5}" , "{\"name\": \"x\", \"places\": \"many\"}", "[1]"})
        {
            try { JsonSerializer.Deserialize<Body>(text, JsonDefaults.Create()); output.WriteLine("OK " + text); }
            catch (JsonException e) { output.WriteLine($"{text} => path={e.Path} msg={e.Message}"); }
        }
        output.WriteLine(JsonSerializer.Serialize(new Body("a", Kind.MigrantSelfOrganisation, 2), JsonDefaults.Create()));
    }

    [Fact]
    public async Task CreateRace()
    {
        for (var i = 0; i < 5; i++)
        {
            var db = TestDatabase.Named("race");
            var tasks = Enumerable.Range(0, 4).Select(_ => Task.Run(() => DatabaseStartup.EnsureDatabaseExistsAsync(db.ConnectionString, default))).ToArray();
            try { await Task.WhenAll(tasks); output.WriteLine("ok"); }
            catch (Exception e) { output.WriteLine(e.GetType() + " " + e.Message); }
            await db.DisposeAsync();
        }
    }

    [Fact]
    public async Task Unreachable()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri("amqp://guest:guest@127.0.0.1:1/"), h => h.PublisherConfirmation = true));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try { using var cts = new CancellationTokenSource(3000); await bus.StartAsync(cts.Token); output.WriteLine("started " + sw.Elapsed); }
        catch (Exception e) { output.WriteLine($"start {sw.Elapsed} {e.GetType()} {e.Message}"); }
        sw.Restart();
        try { using var cts = new CancellationTokenSource(5000); await bus.Publish(new AccountRegistered { AccountId = Guid.NewGuid(), DisplayName = "a", Email = "e", Locale = "de", OccurredAt = DateTimeOffset.UtcNow }, cts.Token); output.WriteLine("published " + sw.Elapsed); }
        catch (Exception e) { output.WriteLine($"publish {sw.Elapsed} {e.GetType()} {e.Message}"); }
        sw.Restart();
        try { using var cts = new CancellationTokenSource(5000); await bus.StopAsync(cts.Token); output.WriteLine("stopped " + sw.Elapsed); }
        catch (Exception e) { output.WriteLine($"stop {sw.Elapsed} {e.GetType()} {e.Message}"); }
    }

    [Fact]
    public async Task UnstartedPublish()
    {
        var bus = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri("amqp://guest:guest@127.0.0.1:1/"), h => h.PublisherConfirmation = true));
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try { using var cts = new CancellationTokenSource(5000); await bus.Publish(new AccountRegistered { AccountId = Guid.NewGuid(), DisplayName = "a", Email = "e", Locale = "de", OccurredAt = DateTimeOffset.UtcNow }, cts.Token); output.WriteLine("published " + sw.Elapsed); }
        catch (Exception e) { output.WriteLine($"publish {sw.Elapsed} {e.GetType()} {e.Message}"); }
    }
}
