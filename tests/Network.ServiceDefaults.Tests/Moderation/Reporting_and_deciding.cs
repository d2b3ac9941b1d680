using System.Text.Json;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;
using static Network.ServiceDefaults.Tests.Moderation.ModerationTestSupport;

namespace Network.ServiceDefaults.Tests.Moderation;

/// <summary>The shared moderation module on a real database, with content kept in memory.</summary>
public sealed class Reporting_and_deciding(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;
    private readonly InMemoryModerationTarget listings = new("listing");
    private readonly Guid reporter = Guid.NewGuid();
    private readonly Guid coordinator = Guid.NewGuid();

    [Fact]
    public async Task A_report_is_stored_together_with_its_ContentReported_event()
    {
        var listing = listings.Add(ModerationState.Visible);

        var result = await NewStore(dataSource).ReportAsync(listings, listing.Id, "Spam", Person(reporter), reporter, CancellationToken.None);

        Assert.Equal(ReportOutcome.Filed, result.Outcome);
        Assert.Equal(1, await dataSource.CountAsync(
            "SELECT count(*) FROM content_reports WHERE id = @Id AND content_type = 'listing' AND reason = 'Spam' AND reporter_account_id = @reporter AND resolved_at IS NULL",
            new { result.Report!.Id, reporter }));
        var (type, body) = Assert.Single(await dataSource.OutboxAboutAsync(listing.Id));
        Assert.Equal("Network.Contracts.Moderation.ContentReported", type);
        var reported = JsonDocument.Parse(body).RootElement;
        Assert.Equal("tests", reported.GetProperty("service").GetString());
        Assert.Equal("listing", reported.GetProperty("contentType").GetString());
        Assert.Equal("Spam", reported.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_second_report_by_the_same_person_gets_the_open_one_back_and_adds_nothing()
    {
        var listing = listings.Add(ModerationState.Visible);
        var store = NewStore(dataSource);
        var first = await store.ReportAsync(listings, listing.Id, "Spam", Person(reporter), reporter, CancellationToken.None);

        var second = await store.ReportAsync(listings, listing.Id, "Still spam", Person(reporter), reporter, CancellationToken.None);
        var byAnother = await store.ReportAsync(listings, listing.Id, "Rude", Person(Guid.NewGuid()), Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(ReportOutcome.AlreadyOpen, second.Outcome);
        Assert.Equal(first.Report, second.Report);
        Assert.Equal(ReportOutcome.Filed, byAnother.Outcome);
        Assert.Equal(2, (await dataSource.OutboxAboutAsync(listing.Id)).Count);
    }

    [Fact]
    public async Task Content_the_reporter_may_not_see_is_not_found_but_a_coordinator_may_report_it()
    {
        var held = listings.Add(ModerationState.Held, Start.UtcDateTime);
        var store = NewStore(dataSource);

        var byMember = await store.ReportAsync(listings, held.Id, "Spam", Person(reporter), reporter, CancellationToken.None);
        var missing = await store.ReportAsync(listings, Guid.NewGuid(), "Spam", Person(reporter), reporter, CancellationToken.None);
        var byCoordinator = await store.ReportAsync(listings, held.Id, "Check", Person(coordinator, coordinator: true), coordinator, CancellationToken.None);

        Assert.Equal(ReportOutcome.NotFound, byMember.Outcome);
        Assert.Equal(ReportOutcome.NotFound, missing.Outcome);
        Assert.Equal(ReportOutcome.Filed, byCoordinator.Outcome);
    }

    [Fact]
    public async Task A_decision_resolves_the_open_reports_and_is_logged_and_published_with_the_owner()
    {
        var owner = Guid.NewGuid();
        var listing = listings.Add(ModerationState.Visible, owner: owner);
        var store = NewStore(dataSource);
        await store.ReportAsync(listings, listing.Id, "Spam", Person(reporter), reporter, CancellationToken.None);
        await store.ReportAsync(listings, listing.Id, "Rude", Person(Guid.NewGuid()), Guid.NewGuid(), CancellationToken.None);

        var result = await store.DecideAsync(listings, listing.Id, ModerationDecision.Hide, "Advertising, not an offer", coordinator, CancellationToken.None);

        Assert.Equal(DecisionOutcome.Recorded, result.Outcome);
        Assert.Equal(ModerationState.Hidden, result.State);
        Assert.Equal(ModerationState.Hidden, listings[listing.Id].State);
        Assert.Equal(0, await dataSource.CountAsync(
            "SELECT count(*) FROM content_reports WHERE content_id = @Id AND (resolved_at IS NULL OR resolved_by_decision_id IS DISTINCT FROM @decision)",
            new { listing.Id, decision = result.Entry!.Id }));
        Assert.Equal(1, await dataSource.CountAsync(
            "SELECT count(*) FROM moderation_decisions WHERE id = @Id AND decision = 'hide' AND reason = 'Advertising, not an offer' AND coordinator_account_id = @coordinator",
            new { result.Entry.Id, coordinator }));
        var (type, body) = (await dataSource.OutboxAboutAsync(listing.Id))[^1];
        Assert.Equal("Network.Contracts.Moderation.ModerationDecisionRecorded", type);
        var recorded = JsonDocument.Parse(body).RootElement;
        Assert.Equal("hide", recorded.GetProperty("decision").GetString());
        Assert.Equal(owner, recorded.GetProperty("ownerOrganisationId").GetGuid());
        Assert.Equal(coordinator, recorded.GetProperty("coordinatorAccountId").GetGuid());
    }

    [Fact]
    public async Task When_the_content_cannot_be_changed_nothing_of_the_decision_remains()
    {
        var listing = listings.Add(ModerationState.Visible);
        var store = NewStore(dataSource);
        await store.ReportAsync(listings, listing.Id, "Spam", Person(reporter), reporter, CancellationToken.None);
        listings.FailNextApply = new InvalidOperationException("the service's update failed");

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            store.DecideAsync(listings, listing.Id, ModerationDecision.Hide, "Spam", coordinator, CancellationToken.None));

        Assert.Equal(0, await dataSource.CountAsync("SELECT count(*) FROM moderation_decisions WHERE content_id = @Id", new { listing.Id }));
        Assert.Equal(1, await dataSource.CountAsync("SELECT count(*) FROM content_reports WHERE content_id = @Id AND resolved_at IS NULL", new { listing.Id }));
        Assert.Single(await dataSource.OutboxAboutAsync(listing.Id));
    }

    [Fact]
    public async Task A_decision_that_does_not_fit_the_state_is_refused_and_leaves_no_trace()
    {
        var listing = listings.Add(ModerationState.Visible);

        var result = await NewStore(dataSource).DecideAsync(listings, listing.Id, ModerationDecision.Restore, "Fine", coordinator, CancellationToken.None);

        Assert.Equal(DecisionOutcome.Refused, result.Outcome);
        Assert.Equal("Only hidden content can be restored.", result.Refusal);
        Assert.Equal(0, await dataSource.CountAsync("SELECT count(*) FROM moderation_decisions WHERE content_id = @Id", new { listing.Id }));
        Assert.Empty(await dataSource.OutboxAboutAsync(listing.Id));
    }

    [Fact]
    public async Task Deciding_on_content_that_does_not_exist_is_not_found()
    {
        var result = await NewStore(dataSource).DecideAsync(listings, Guid.NewGuid(), ModerationDecision.Hide, "Spam", coordinator, CancellationToken.None);

        Assert.Equal(DecisionOutcome.NotFound, result.Outcome);
    }

    [Fact]
    public async Task A_rejection_stays_final_although_the_content_itself_only_looks_hidden()
    {
        var listing = listings.Add(ModerationState.Visible);
        var store = NewStore(dataSource);

        var rejected = await store.DecideAsync(listings, listing.Id, ModerationDecision.Reject, "Fraud", coordinator, CancellationToken.None);
        var restore = await store.DecideAsync(listings, listing.Id, ModerationDecision.Restore, "Changed my mind", coordinator, CancellationToken.None);
        var report = await store.ReportAsync(listings, listing.Id, "Fraud", Person(coordinator, coordinator: true), coordinator, CancellationToken.None);

        Assert.Equal(ModerationState.Rejected, rejected.State);
        Assert.Equal(ModerationState.Hidden, listings[listing.Id].State);
        Assert.Equal(DecisionOutcome.Refused, restore.Outcome);
        Assert.Equal(ReportOutcome.Refused, report.Outcome);
    }
}
