namespace Network.Directory.Domain;

/// <summary>What can happen to an organisation's status.</summary>
public enum OrganisationChange
{
    /// <summary>A coordinator confirms the organisation is who it says it is.</summary>
    Verify,

    /// <summary>A coordinator declines it, with a reason.</summary>
    Reject,

    /// <summary>A coordinator takes a verified organisation out of the network for a while.</summary>
    Suspend,

    /// <summary>A coordinator lets a suspended organisation back in.</summary>
    Reinstate,

    /// <summary>Its admins (or a coordinator) change the profile.</summary>
    EditProfile,
}

/// <summary>
/// The status machine of an organisation:
/// <code>
///   pending ──verify──▶ verified ──suspend──▶ suspended
///      │  ▲                 ▲                      │
///   reject │ edit            └───────reinstate──────┘
///      ▼  │
///   rejected
/// </code>
/// A rejected organisation that edits its profile asks again: it goes back to pending, so a
/// coordinator sees the corrected profile in the queue instead of the organisation being stuck.
/// Editing never changes any other status: a verified organisation stays verified (what it writes
/// is moderated like any content), and a suspended one may correct its profile while suspended.
/// A decision is only taken on an organisation that is waiting for one; verifying twice is refused,
/// so each event reports a real change.
/// </summary>
public static class OrganisationLifecycle
{
    /// <summary>The status after <paramref name="change"/>, or null when the change is not possible from <paramref name="current"/>.</summary>
    public static OrganisationStatus? After(OrganisationStatus current, OrganisationChange change) => (current, change) switch
    {
        (OrganisationStatus.Pending, OrganisationChange.Verify) => OrganisationStatus.Verified,
        (OrganisationStatus.Pending, OrganisationChange.Reject) => OrganisationStatus.Rejected,
        (OrganisationStatus.Verified, OrganisationChange.Suspend) => OrganisationStatus.Suspended,
        (OrganisationStatus.Suspended, OrganisationChange.Reinstate) => OrganisationStatus.Verified,
        (OrganisationStatus.Rejected, OrganisationChange.EditProfile) => OrganisationStatus.Pending,
        (_, OrganisationChange.EditProfile) => current,
        _ => null,
    };

    /// <summary>Why <paramref name="change"/> cannot be made, for the client.</summary>
    public static string Refusal(OrganisationStatus current, OrganisationChange change) =>
        $"An organisation that is {EnumCodes.Of(current)} cannot be {change switch
        {
            OrganisationChange.Verify => "verified",
            OrganisationChange.Reject => "rejected",
            OrganisationChange.Suspend => "suspended",
            OrganisationChange.Reinstate => "reinstated",
            _ => "edited",
        }}: {current switch
        {
            OrganisationStatus.Pending => "it is waiting for verification.",
            OrganisationStatus.Verified => "it is verified.",
            OrganisationStatus.Rejected => "it was rejected; it is reviewed again once it edits its profile.",
            _ => "it is suspended; reinstate it first.",
        }}";
}
