namespace Network.ServiceDefaults.Moderation;

/// <summary>
/// Which decision may be taken in which state, the same for every kind of content; what a decision
/// then does to the content is its target's (<see cref="IModerationTarget.ApplyAsync"/>).
/// </summary>
public static class ModerationRules
{
    public const int MaximumReasonLength = 2000;

    /// <summary>Why the decision may not be taken now, or null when it may.</summary>
    public static string? RefusalOf(ModerationDecision decision, ModerationState state, int openReports) => (decision, state) switch
    {
        // Final means final: otherwise a rejection would only be a hide with a sterner name.
        (_, ModerationState.Rejected) => "This content was rejected for good; no decision can change that.",
        (ModerationDecision.Approve, ModerationState.Hidden) => "Hidden content is brought back with 'restore', not 'approve'.",
        (ModerationDecision.Approve, ModerationState.Visible) when openReports == 0 =>
            "There is nothing to approve: the content is not held and nobody has reported it.",
        (ModerationDecision.Hide, ModerationState.Hidden) => "The content is hidden already.",
        (ModerationDecision.Restore, not ModerationState.Hidden) => "Only hidden content can be restored.",
        _ => null,
    };

    /// <summary>Why the content may not be reported, or null when it may.</summary>
    public static string? ReportRefusalOf(ModerationState state) => state switch
    {
        // A report asks for a decision, and rejected content can have none.
        ModerationState.Rejected => "This content was rejected for good already.",
        _ => null,
    };

    /// <summary>What is wrong with a reason given for a report or a decision, or null when it will do.</summary>
    public static string? ReasonProblem(string? reason) => reason?.Trim() switch
    {
        null or "" => "Give a reason.",
        { Length: > MaximumReasonLength } => $"The reason may have at most {MaximumReasonLength} characters.",
        _ => null,
    };
}
