using System.Net;
using Dapper;
using MassTransit;
using Network.Contracts.Directory;
using Network.EndToEnd.Tests.Platform;
using Npgsql;

namespace Network.EndToEnd.Tests;

[Collection(PlatformCollection.Name)]
public sealed class Nothing_is_lost(PlatformFixture platform)
{
    private const int EventCount = 1000;

    [Fact]
    public async Task A_consumer_killed_half_way_processes_every_event_exactly_once()
    {
        var events = Enumerable.Range(0, EventCount).Select(i => (MessageId: NewId.NextGuid(), Event: new AccountRegistered
        {
            AccountId = Guid.NewGuid(),
            DisplayName = $"Person {i}",
            Email = $"person{i}.{Guid.NewGuid():N}@e2e.network.test",
            Locale = i % 2 == 0 ? "de" : "en",
            OccurredAt = DateTimeOffset.UtcNow,
        })).ToList();
        var accountIds = events.Select(e => e.Event.AccountId).ToArray();

        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(new Uri(platform.BrokerUrl)));
        await bus.StartAsync();
        try
        {
            await Task.WhenAll(events.Select(e => bus.Publish(e.Event, context => context.MessageId = e.MessageId)));

            await using var messaging = new NpgsqlConnection(platform.DatabaseOf("messaging"));
            var processedBeforeKill = await PlatformClient.EventuallyAsync(
                () => CountWelcomesAsync(messaging, accountIds), count => count >= 50, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(5));
            platform["messaging"].KillHard();
            var processedAtKill = await CountWelcomesAsync(messaging, accountIds);
            Assert.True(processedBeforeKill >= 50, $"only {processedBeforeKill} processed before the kill");
            Assert.True(processedAtKill < EventCount, $"all {EventCount} were processed before the kill; the test proved nothing");

            platform["messaging"].Start();
            await platform["messaging"].WaitUntilReadyAsync(platform.Http, TimeSpan.FromSeconds(90));

            // The broker redelivering what was in flight is one kind of duplicate; publishing a
            // hundred of the same messages again is the same thing, on purpose.
            await Task.WhenAll(events.Take(100).Select(e => bus.Publish(e.Event, context => context.MessageId = e.MessageId)));

            var processed = await PlatformClient.EventuallyAsync(
                () => CountWelcomesAsync(messaging, accountIds), count => count >= EventCount, TimeSpan.FromSeconds(120));
            Assert.Equal(EventCount, processed);

            // Let anything still in the queue arrive, then check that nothing was done twice.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(EventCount, await CountWelcomesAsync(messaging, accountIds));
            Assert.Equal(0, await messaging.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM (SELECT account_id FROM notifications WHERE account_id = ANY(@accountIds) GROUP BY account_id HAVING count(*) > 1) twice",
                new { accountIds }));
            Assert.Equal(EventCount, await CountInboxAsync(messaging, events.Select(e => e.MessageId).ToArray()));
        }
        finally
        {
            await bus.StopAsync();
        }
    }

    [Fact]
    public async Task Events_written_while_the_broker_is_down_arrive_when_it_returns()
    {
        var emails = Enumerable.Range(0, 5).Select(i => PlatformClient.NewEmail($"offline{i}")).ToList();
        await using var directory = new NpgsqlConnection(platform.DatabaseOf("directory"));
        await using var messaging = new NpgsqlConnection(platform.DatabaseOf("messaging"));

        await platform.RunBrokerScriptAsync("stop");
        var accountIds = new List<Guid>();
        try
        {
            foreach (var email in emails)
            {
                var (response, accountId) = await platform.SignUpAsync(email);
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                accountIds.Add(accountId);
            }

            // The relay tried, failed, and kept every event for later.
            var failedAttempts = await PlatformClient.EventuallyAsync(
                () => directory.ExecuteScalarAsync<int>(
                    "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND attempts > 0 AND body->>'accountId' = ANY(@ids)",
                    new { ids = accountIds.Select(id => id.ToString()).ToArray() }),
                count => count > 0,
                TimeSpan.FromSeconds(60));
            Assert.True(failedAttempts > 0, "the outbox relay never tried to publish while the broker was down");
            Assert.Equal(emails.Count, await directory.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND body->>'accountId' = ANY(@ids)",
                new { ids = accountIds.Select(id => id.ToString()).ToArray() }));
            Assert.Equal(0, await CountWelcomesAsync(messaging, accountIds.ToArray()));
        }
        finally
        {
            await platform.RunBrokerScriptAsync("start");
        }

        var arrived = await PlatformClient.EventuallyAsync(
            () => CountWelcomesAsync(messaging, accountIds.ToArray()), count => count == emails.Count, TimeSpan.FromSeconds(120));
        Assert.Equal(emails.Count, arrived);
        await platform.WaitUntilAllReadyAsync();
    }

    private static Task<int> CountWelcomesAsync(NpgsqlConnection messaging, Guid[] accountIds) =>
        messaging.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM notifications WHERE type = 'welcome' AND account_id = ANY(@accountIds)", new { accountIds });

    private static Task<int> CountInboxAsync(NpgsqlConnection messaging, Guid[] messageIds) =>
        messaging.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM inbox_messages WHERE consumer = 'AccountRegisteredConsumer' AND message_id = ANY(@messageIds)", new { messageIds });
}
