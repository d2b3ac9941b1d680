using System.Text.Json;

namespace Network.ServiceDefaults.Moderation;

/// <summary>What a coordinator may decide about a piece of content (snake_case on the wire).</summary>
public enum ModerationDecision
{
    /// <summary>The content is fine: held content may be released (what that means is the target's), open reports are dismissed.</summary>
    Approve,

    /// <summary>Take it out of sight until a coordinator restores it.</summary>
    Hide,

    /// <summary>Bring hidden content back.</summary>
    Restore,

    /// <summary>Take it out of sight for good: no later decision can bring it back.</summary>
    Reject,
}

/// <summary>Where a piece of content stands, as far as moderation is concerned.</summary>
public enum ModerationState
{
    /// <summary>Waiting for review before others may see it (e.g. an organisation not yet verified).</summary>
    Held,

    /// <summary>
    /// Not held back by moderation. The service's other rules (verification, suspension,
    /// membership) may still limit who sees it.
    /// </summary>
    Visible,

    /// <summary>Hidden by a coordinator; can be restored.</summary>
    Hidden,

    /// <summary>Rejected by a coordinator; final.</summary>
    Rejected,
}

/// <summary>A piece of content as moderation sees it, described by the service that holds it.</summary>
/// <param name="Id">The content's id.</param>
/// <param name="Title">What a coordinator recognises it by in the queue (a name, a title).</param>
/// <param name="State">Where it stands.</param>
/// <param name="OwnerOrganisationId">The organisation responsible for it, who is told of decisions; null when none is.</param>
/// <param name="HeldSince">Since when it waits for review; set exactly when <paramref name="State"/> is Held.</param>
public sealed record ModeratedContent(Guid Id, string Title, ModerationState State, Guid? OwnerOrganisationId, DateTime? HeldSince);

internal static class ModerationNames
{
    /// <summary>The decision's name as stored in the audit log and sent in events: the same as on the wire.</summary>
    public static string Of(ModerationDecision decision) => JsonNamingPolicy.SnakeCaseLower.ConvertName(decision.ToString());

    public static ModerationDecision ParseDecision(string name) =>
        Enum.GetValues<ModerationDecision>().Single(decision => Of(decision) == name);
}
