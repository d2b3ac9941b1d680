using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Contracts.Events;
using Network.Events.Reminders;
using Network.Events.Tests.Support;
using Npgsql;

namespace Network.Events.Tests;

public sealed class Reminding_registrants(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task A_session_48_hours_ahead_is_reminded_once_even_when_two_passes_run_at_once()
    {
        var organiser = Guid.NewGuid();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 2, change: d => d["capacity"] = 1));
        var confirmed = Guid.NewGuid();
        await api.ClientFor(confirmed).RegisteredAsync(created.Id());
        await api.MemberOf().RegisteredAsync(created.Id());
        var sessions = created.SessionIds();

        // Not yet due: the first session is a week away.
        Assert.True(await api.Reminders.RunOnceAsync());
        Assert.Empty(await api.OutboxAsync<SessionReminderDue>(created.Id()));

        api.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));
        // Two instances of the job (as two service instances would run it), at the same moment, twice.
        var secondInstance = new SessionReminderJob(
            api.Services.GetRequiredService<NpgsqlDataSource>(), api.Clock, NullLogger<SessionReminderJob>.Instance);
        var viaRunner = api.Reminders.RunOnceAsync();
        var viaSecondInstance = secondInstance.RunOnceAsync(CancellationToken.None);
        await Task.WhenAll(viaRunner, viaSecondInstance);
        Assert.True(await viaRunner);
        await api.Reminders.RunOnceAsync();

        var reminders = (await api.OutboxAsync<SessionReminderDue>(created.Id())).Select(body => JsonDocument.Parse(body).RootElement).ToList();
        var reminder = Assert.Single(reminders);
        Assert.Equal(sessions[0], reminder.GetProperty("sessionId").GetGuid());
        // Only the confirmed registrant, not the one who waits.
        Assert.Equal([confirmed], reminder.GetProperty("accountIds").EnumerateArray().Select(id => id.GetGuid()));

        // The second session falls due a week later, once.
        api.Clock.Advance(TimeSpan.FromDays(7));
        await api.Reminders.RunOnceAsync();
        await api.Reminders.RunOnceAsync();
        Assert.Equal(2, (await api.OutboxAsync<SessionReminderDue>(created.Id())).Count);
    }

    [Fact]
    public async Task A_moved_session_is_reminded_again_for_its_new_time()
    {
        var organiser = Guid.NewGuid();
        var client = api.MemberOf(organiser);
        var now = api.Clock.GetUtcNow();
        var created = await client.CreateAsync(EventRequests.Draft(organiser, now, change: d =>
        {
            d["sessions"] = new[] { EventRequests.Session(now.AddHours(30)) };
            d["registrationDeadline"] = EventRequests.Iso(now.AddHours(20));
        }));
        await api.MemberOf().RegisteredAsync(created.Id());
        await api.Reminders.RunOnceAsync();
        Assert.Single(await api.OutboxAsync<SessionReminderDue>(created.Id()));

        var moved = EventRequests.Session(now.AddHours(40));
        moved["id"] = created.SessionIds()[0];
        using var move = await client.PatchAsync(created.Id(), new { sessions = new[] { moved } }, version: 1);
        await api.Reminders.RunOnceAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, move.StatusCode);
        Assert.Equal(2, (await api.OutboxAsync<SessionReminderDue>(created.Id())).Count);
    }
}
