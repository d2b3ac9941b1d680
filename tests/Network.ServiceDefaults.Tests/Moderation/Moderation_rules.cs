using Network.ServiceDefaults.Moderation;

namespace Network.ServiceDefaults.Tests.Moderation;

public sealed class Moderation_rules
{
    [Theory]
    [InlineData(ModerationState.Held, 0)]
    [InlineData(ModerationState.Held, 3)]
    [InlineData(ModerationState.Visible, 1)]
    public void Held_or_reported_content_can_be_approved(ModerationState state, int openReports) =>
        Assert.Null(ModerationRules.RefusalOf(ModerationDecision.Approve, state, openReports));

    [Fact]
    public void Visible_content_that_nobody_reported_has_nothing_to_approve() =>
        Assert.NotNull(ModerationRules.RefusalOf(ModerationDecision.Approve, ModerationState.Visible, openReports: 0));

    [Fact]
    public void Hidden_content_is_brought_back_by_restoring_not_approving() =>
        Assert.Contains("restore", ModerationRules.RefusalOf(ModerationDecision.Approve, ModerationState.Hidden, openReports: 2));

    [Theory]
    [InlineData(ModerationState.Held)]
    [InlineData(ModerationState.Visible)]
    public void Held_and_visible_content_can_be_hidden(ModerationState state) =>
        Assert.Null(ModerationRules.RefusalOf(ModerationDecision.Hide, state, openReports: 0));

    [Fact]
    public void Hidden_content_cannot_be_hidden_again() =>
        Assert.NotNull(ModerationRules.RefusalOf(ModerationDecision.Hide, ModerationState.Hidden, openReports: 1));

    [Fact]
    public void Only_hidden_content_can_be_restored()
    {
        Assert.Null(ModerationRules.RefusalOf(ModerationDecision.Restore, ModerationState.Hidden, openReports: 0));
        Assert.NotNull(ModerationRules.RefusalOf(ModerationDecision.Restore, ModerationState.Held, openReports: 0));
        Assert.NotNull(ModerationRules.RefusalOf(ModerationDecision.Restore, ModerationState.Visible, openReports: 1));
    }

    [Theory]
    [InlineData(ModerationState.Held)]
    [InlineData(ModerationState.Visible)]
    [InlineData(ModerationState.Hidden)]
    public void Anything_not_yet_rejected_can_be_rejected(ModerationState state) =>
        Assert.Null(ModerationRules.RefusalOf(ModerationDecision.Reject, state, openReports: 0));

    [Theory]
    [InlineData(ModerationDecision.Approve)]
    [InlineData(ModerationDecision.Hide)]
    [InlineData(ModerationDecision.Restore)]
    [InlineData(ModerationDecision.Reject)]
    public void A_rejection_is_final(ModerationDecision decision) =>
        Assert.NotNull(ModerationRules.RefusalOf(decision, ModerationState.Rejected, openReports: 4));

    [Fact]
    public void Every_decision_in_every_state_is_either_allowed_or_explained()
    {
        // The table in full, so a new state or decision cannot slip through unconsidered.
        var allowed = Enum.GetValues<ModerationState>()
            .SelectMany(state => Enum.GetValues<ModerationDecision>().Select(decision => (state, decision)))
            .Where(pair => ModerationRules.RefusalOf(pair.decision, pair.state, openReports: 1) is null)
            .Select(pair => $"{pair.state}:{pair.decision}");

        Assert.Equal(
            ["Held:Approve", "Held:Hide", "Held:Reject", "Visible:Approve", "Visible:Hide", "Visible:Reject", "Hidden:Restore", "Hidden:Reject"],
            allowed);
    }

    [Theory]
    [InlineData(ModerationState.Held)]
    [InlineData(ModerationState.Visible)]
    [InlineData(ModerationState.Hidden)]
    public void Content_can_be_reported_until_it_is_rejected(ModerationState state)
    {
        Assert.Null(ModerationRules.ReportRefusalOf(state));
        Assert.NotNull(ModerationRules.ReportRefusalOf(ModerationState.Rejected));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_reason_is_required(string? reason) =>
        Assert.NotNull(ModerationRules.ReasonProblem(reason));

    [Theory]
    [InlineData(1, false)]
    [InlineData(ModerationRules.MaximumReasonLength, false)]
    [InlineData(ModerationRules.MaximumReasonLength + 1, true)]
    public void A_reason_has_one_to_2000_characters(int length, bool refused) =>
        Assert.Equal(refused, ModerationRules.ReasonProblem(new string('x', length)) is not null);

    [Fact]
    public void Surrounding_blanks_do_not_count_towards_the_length() =>
        Assert.Null(ModerationRules.ReasonProblem("  " + new string('x', ModerationRules.MaximumReasonLength) + "  "));
}
