using System.Text.Json;
using Dapper;
using Network.EndToEnd.Tests.Platform;
using Npgsql;

namespace Network.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class One_trace_spans_gateway_producer_and_consumer(PlatformFixture platform)
{
    [Fact]
    public async Task Sign_up_through_the_gateway_reaches_messaging_and_shares_one_trace()
    {
        var email = PlatformClient.NewEmail("trace");
        var (response, accountId) = await platform.SignUpAsync(email, "Nguyễn Thị Lan", "de");

        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        var traceResponse = Assert.Single(response.Headers.GetValues("traceresponse"));
        var traceId = traceResponse.Split('-')[1];
        Assert.Matches("^[0-9a-f]{32}$", traceId);

        // The effect in the second service: the welcome notification in the new account's inbox.
        var token = await platform.SignInAsync(email);
        var inbox = await PlatformClient.EventuallyAsync(
            async () => JsonDocument.Parse(await (await platform.GetAsync("/api/messaging/notifications", token)).Content.ReadAsStringAsync()),
            page => page.RootElement.GetProperty("items").GetArrayLength() > 0,
            TimeSpan.FromSeconds(30));
        var welcome = Assert.Single(inbox.RootElement.GetProperty("items").EnumerateArray());
        Assert.Equal("welcome", welcome.GetProperty("type").GetString());
        Assert.Contains("Nguyễn Thị Lan", welcome.GetProperty("body").GetString());

        // Every hop exported its spans to our OTLP endpoint under the trace id the client was given.
        var spans = await platform.Traces.WaitForAsync(traceId, HasEveryHop, TimeSpan.FromSeconds(30));
        var seen = string.Join("\n", spans.Select(s => $"{s.Service} {s.Scope} {s.Kind} {s.Name}"));
        Assert.True(HasEveryHop(spans), "Missing hops in trace " + traceId + ":\n" + seen);

        // And the message itself: the consumer handled the event the directory's outbox wrote.
        await using var directory = new NpgsqlConnection(platform.DatabaseOf("directory"));
        var outboxRow = await directory.QuerySingleAsync<(Guid Id, string TraceParent)>(
            "SELECT id, trace_parent FROM outbox_messages WHERE body->>'accountId' = @id", new { id = accountId.ToString() });
        Assert.Contains(traceId, outboxRow.TraceParent);
        await using var messaging = new NpgsqlConnection(platform.DatabaseOf("messaging"));
        Assert.Equal(1, await messaging.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = @Id AND consumer = 'AccountRegisteredConsumer'", new { outboxRow.Id }));
    }

    private static bool HasEveryHop(IReadOnlyList<ReceivedSpan> spans) =>
        spans.Any(s => s.Service == "Network.Gateway" && s.Kind == ReceivedSpan.ServerKind)
        && spans.Any(s => s.Service == "Network.Directory" && s.Kind == ReceivedSpan.ServerKind)
        && spans.Any(s => s.Service == "Network.Directory" && s.Scope == "MassTransit" && s.Kind == ReceivedSpan.ProducerKind)
        && spans.Any(s => s.Service == "Network.Messaging" && s.Scope == "MassTransit" && s.Kind == ReceivedSpan.ConsumerKind);
}
