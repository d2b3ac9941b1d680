namespace Network.Directory.Domain;

/// <summary>
/// Who is asking: anonymous, or an account with its memberships as the database has them now
/// (not as a token issued minutes ago remembers them), and whether it is a coordinator.
/// </summary>
public sealed record Viewer(Guid? AccountId, bool IsCoordinator, IReadOnlyDictionary<Guid, MemberRole> Memberships, bool BelongsToVerifiedOrganisation)
{
    public static readonly Viewer Anonymous = new(null, false, new Dictionary<Guid, MemberRole>(), false);

    public bool IsSignedIn => AccountId is not null;

    public MemberRole? RoleIn(Guid organisationId) => Memberships.TryGetValue(organisationId, out var role) ? role : null;

    public bool IsMemberOf(Guid organisationId) => Memberships.ContainsKey(organisationId);
}

/// <summary>
/// Who may see and do what with an organisation. The rules, in one place:
/// <list type="bullet">
/// <item>Its members and coordinators always see it, whatever its status, hidden or not.</item>
/// <item>Everyone else sees it only while it is verified and not hidden by moderation; otherwise
/// it does not exist for them (404), so not even its existence leaks.</item>
/// <item>Personal contact data (e-mail, phone, contact persons) is for its own members,
/// coordinators, and people signed in as members of a verified organisation: the network, not the
/// public.</item>
/// <item>The profile is edited by its org_admins and coordinators; members are managed by the
/// same; the member list is seen by its members and coordinators.</item>
/// </list>
/// </summary>
public static class OrganisationAccess
{
    public static bool CanSee(Viewer viewer, Organisation organisation) =>
        viewer.IsCoordinator
        || viewer.IsMemberOf(organisation.Id)
        || IsPublic(organisation);

    /// <summary>Verified and not hidden: what the public directory shows.</summary>
    public static bool IsPublic(Organisation organisation) =>
        organisation.Status == OrganisationStatus.Verified && !organisation.IsHidden;

    public static bool CanSeeContactData(Viewer viewer, Organisation organisation) =>
        viewer.IsCoordinator
        || viewer.IsMemberOf(organisation.Id)
        || (viewer.BelongsToVerifiedOrganisation && IsPublic(organisation));

    public static bool CanEdit(Viewer viewer, Organisation organisation) =>
        viewer.IsCoordinator || viewer.RoleIn(organisation.Id) == MemberRole.OrgAdmin;

    public static bool CanManageMembers(Viewer viewer, Organisation organisation) => CanEdit(viewer, organisation);

    public static bool CanSeeMembers(Viewer viewer, Organisation organisation) =>
        viewer.IsCoordinator || viewer.IsMemberOf(organisation.Id);

    /// <summary>The profile as <paramref name="viewer"/> may read it: contact data removed when it is not for them.</summary>
    public static OrganisationProfile ProfileFor(Viewer viewer, Organisation organisation) =>
        CanSeeContactData(viewer, organisation)
            ? organisation.Profile
            : organisation.Profile with { Email = null, Phone = null, ContactPersons = [] };
}
