using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;
using static Network.ServiceDefaults.Tests.Moderation.ModerationTestSupport;

namespace Network.ServiceDefaults.Tests.Moderation;

public sealed class Reading_the_queue(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;

    [Fact]
    public async Task Held_and_reported_content_of_every_kind_is_listed_once_oldest_first_across_pages()
    {
        // The clock hands the reports 09:00:00, 09:00:01, ... in the order they are filed.
        var store = NewStore(dataSource, new SteppingClock(Start));
        var offers = new InMemoryModerationTarget("queued_offer");
        var events = new InMemoryModerationTarget("queued_event");
        var heldAtStart = offers.Add(ModerationState.Held, Start.UtcDateTime.AddSeconds(-10));
        var reportedFirst = offers.Add(ModerationState.Visible);
        var heldAndReported = events.Add(ModerationState.Held, Start.UtcDateTime.AddSeconds(1.5));
        var reportedThird = events.Add(ModerationState.Visible);
        var heldLast = offers.Add(ModerationState.Held, Start.UtcDateTime.AddSeconds(30));
        var untouched = offers.Add(ModerationState.Visible);
        var coordinator = Person(Guid.NewGuid(), coordinator: true);
        await ReportAsync(store, offers, reportedFirst, coordinator, "first");
        await ReportAsync(store, events, heldAndReported, coordinator, "second");
        await ReportAsync(store, events, reportedThird, coordinator, "third");
        await ReportAsync(store, events, reportedThird, Person(Guid.NewGuid(), coordinator: true), "fourth");

        var queue = new ModerationQueue(dataSource);
        var listed = new List<QueueItem>();
        (DateTime, Guid)? after = null;
        for (var page = 0; page < 10; page++)
        {
            var items = await queue.ReadAsync([offers, events], 2, after, CancellationToken.None);
            listed.AddRange(items);
            if (items.Count < 2)
            {
                break;
            }

            after = (items[^1].WaitingSince, items[^1].ContentId);
        }

        Assert.Equal([heldAtStart.Id, reportedFirst.Id, heldAndReported.Id, reportedThird.Id, heldLast.Id], listed.Select(item => item.ContentId));
        Assert.DoesNotContain(listed, item => item.ContentId == untouched.Id);
        var both = listed.Single(item => item.ContentId == heldAndReported.Id);
        Assert.Equal((ModerationState.Held, 1, Start.UtcDateTime.AddSeconds(1.5)), (both.State, both.OpenReports, both.WaitingSince));
        var twice = listed.Single(item => item.ContentId == reportedThird.Id);
        Assert.Equal(("queued_event", ModerationState.Visible, 2), (twice.ContentType, twice.State, twice.OpenReports));
        Assert.Equal(["fourth", "third"], twice.Reasons);
    }

    [Fact]
    public async Task Decided_content_leaves_the_queue()
    {
        var store = NewStore(dataSource, new SteppingClock(Start.AddDays(1)));
        var posts = new InMemoryModerationTarget("decided_post");
        var reported = posts.Add(ModerationState.Visible);
        var held = posts.Add(ModerationState.Held, Start.UtcDateTime);
        await ReportAsync(store, posts, reported, Person(Guid.NewGuid()), "rude");
        var queue = new ModerationQueue(dataSource);
        Assert.Equal(2, (await queue.ReadAsync([posts], 10, null, CancellationToken.None)).Count);

        await store.DecideAsync(posts, reported.Id, ModerationDecision.Approve, "Not rude", Guid.NewGuid(), CancellationToken.None);
        await store.DecideAsync(posts, held.Id, ModerationDecision.Approve, "Fine", Guid.NewGuid(), CancellationToken.None);

        Assert.Empty(await queue.ReadAsync([posts], 10, null, CancellationToken.None));
    }

    private static async Task ReportAsync(ModerationStore store, InMemoryModerationTarget target, ModeratedContent content, System.Security.Claims.ClaimsPrincipal reporter, string reason)
    {
        var result = await store.ReportAsync(target, content.Id, reason, reporter, Guid.Parse(reporter.FindFirst("sub")!.Value), CancellationToken.None);
        Assert.Equal(ReportOutcome.Filed, result.Outcome);
    }
}
