using System.Net.Http.Json;
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
        var organiser = await api.VerifiedOrganisationAsync();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 2, change: d => d["capacity"] = 1));
        var confirmed = Guid.NewGuid();
        await api.ClientFor(confirmed).RegisteredAsync(created.Id());
        await api.MemberOf().RegisteredAsync(created.Id());
        var sessions = created.SessionIds();

        // Not yet due: the first session is a week away.
        Assert.True(await api.Reminders.RunOnceAsync());
        Assert.Empty(await api.OutboxAsync<SessionReminderDue>(created.Id()));

        api.Clock.Advance(TimeSpan.FromDays(5) + TimeSpan.FromHours(1));
        // Two instances of the job (as two service instances would run it): the first is held with
        // its transaction open, its reminders written but not committed, while the second runs.
        var firstHasWritten = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var dataSource = api.Services.GetRequiredService<NpgsqlDataSource>();
        var firstInstance = new SessionReminderJob(dataSource, api.Clock, NullLogger<SessionReminderJob>.Instance)
        {
            BeforeCommit = async () =>
            {
                firstHasWritten.SetResult();
                await releaseFirst.Task;
            },
        };
        var secondInstance = new SessionReminderJob(dataSource, api.Clock, NullLogger<SessionReminderJob>.Instance);
        var viaFirst = firstInstance.RunOnceAsync(CancellationToken.None);
        await firstHasWritten.Task;
        var viaSecond = secondInstance.RunOnceAsync(CancellationToken.None);
        // The second waits on the first's uncommitted rows; it cannot finish while the first is open.
        Assert.NotSame(viaSecond, await Task.WhenAny(viaSecond, Task.Delay(TimeSpan.FromMilliseconds(500))));
        releaseFirst.SetResult();
        Assert.True(await viaFirst > 0);
        Assert.Equal(0, await viaSecond);
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
    public async Task Someone_confirmed_after_the_sessions_pass_is_reminded_at_the_next_pass_and_nobody_twice()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var now = api.Clock.GetUtcNow();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, now, change: d =>
        {
            d["sessions"] = new[] { EventRequests.Session(now.AddHours(30)) };
            d["registrationDeadline"] = EventRequests.Iso(now.AddHours(20));
            d["capacity"] = 1;
        }));
        var holderAccount = Guid.NewGuid();
        var holder = api.ClientFor(holderAccount);
        var holding = await holder.RegisteredAsync(created.Id());
        await api.Reminders.RunOnceAsync();

        // Inside the 48 hours: a late registration (waitlisted) and then a promotion.
        var waitingAccount = Guid.NewGuid();
        await api.ClientFor(waitingAccount).RegisteredAsync(created.Id());
        await api.Reminders.RunOnceAsync();
        using var cancel = await holder.DeleteAsync($"{EventRequests.Path}/{created.Id()}/registrations/{holding.Id()}");
        await api.Reminders.RunOnceAsync();
        await api.Reminders.RunOnceAsync();

        Assert.Equal(System.Net.HttpStatusCode.NoContent, cancel.StatusCode);
        var reminded = (await api.OutboxAsync<SessionReminderDue>(created.Id()))
            .Select(body => JsonDocument.Parse(body).RootElement.GetProperty("accountIds").EnumerateArray().Select(id => id.GetGuid()).ToList())
            .ToList();
        Assert.Equal([[holderAccount], [waitingAccount]], reminded);
    }

    [Fact]
    public async Task A_late_registration_inside_the_48_hours_is_reminded_at_the_next_pass()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var now = api.Clock.GetUtcNow();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, now, change: d =>
        {
            d["sessions"] = new[] { EventRequests.Session(now.AddHours(30)) };
            d["registrationDeadline"] = EventRequests.Iso(now.AddHours(20));
        }));
        var early = Guid.NewGuid();
        await api.ClientFor(early).RegisteredAsync(created.Id());
        await api.Reminders.RunOnceAsync();

        var late = Guid.NewGuid();
        await api.ClientFor(late).RegisteredAsync(created.Id());
        await api.Reminders.RunOnceAsync();
        await api.Reminders.RunOnceAsync();

        var reminded = (await api.OutboxAsync<SessionReminderDue>(created.Id()))
            .Select(body => JsonDocument.Parse(body).RootElement.GetProperty("accountIds").EnumerateArray().Select(id => id.GetGuid()).ToList())
            .ToList();
        Assert.Equal([[early], [late]], reminded);
    }

    [Fact]
    public async Task An_event_hidden_by_moderation_is_not_reminded()
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var now = api.Clock.GetUtcNow();
        var created = await api.MemberOf(organiser).CreateAsync(EventRequests.Draft(organiser, now, change: d =>
        {
            d["sessions"] = new[] { EventRequests.Session(now.AddHours(30)) };
            d["registrationDeadline"] = EventRequests.Iso(now.AddHours(20));
        }));
        await api.MemberOf().RegisteredAsync(created.Id());
        using var hide = await api.CoordinatorClient().PostAsJsonAsync("/api/events/moderation/decisions", new { contentType = "event", contentId = created.Id(), decision = "hide", reason = "Werbung." });

        await api.Reminders.RunOnceAsync();

        Assert.Equal(System.Net.HttpStatusCode.Created, hide.StatusCode);
        Assert.Empty(await api.OutboxAsync<SessionReminderDue>(created.Id()));
    }

    [Fact]
    public async Task A_moved_session_is_reminded_again_for_its_new_time()
    {
        var organiser = await api.VerifiedOrganisationAsync();
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
