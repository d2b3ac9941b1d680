using System.Security.Claims;
using Network.ServiceDefaults.Security;

namespace Network.Events.Domain;

/// <summary>
/// Who is asking, as far as events care: signed in or not, the organisations the token names,
/// those of them the directory has verified (pending, rejected and suspended organisations are
/// not yet, or no longer, part of the network), coordinator or not.
/// </summary>
public sealed record EventViewer(Guid? AccountId, IReadOnlySet<Guid> Organisations, IReadOnlySet<Guid> VerifiedOrganisations, bool IsCoordinator)
{
    /// <summary>The viewer the token describes; <paramref name="verified"/> are the organisations whose status is verified.</summary>
    public static EventViewer Of(ClaimsPrincipal user, IEnumerable<Guid> verified)
    {
        var organisations = user.Memberships().Keys.ToHashSet();
        return new(
            user.AccountId(),
            organisations,
            verified.Where(organisations.Contains).ToHashSet(),
            user.FindAll(NetworkClaims.Role).Any(claim => claim.Value == NetworkClaims.CoordinatorRole));
    }

    /// <summary>The organisations named in the token, whose standing has to be looked up.</summary>
    public static IReadOnlyList<Guid> OrganisationsOf(ClaimsPrincipal user) => user.Memberships().Keys.ToList();

    public bool IsSignedIn => AccountId is not null;

    /// <summary>Members of a verified organisation of the network (and coordinators) see members-only events.</summary>
    public bool IsNetworkMember => IsCoordinator || (IsSignedIn && VerifiedOrganisations.Count > 0);

    public bool IsMemberOf(Guid organisationId) => Organisations.Contains(organisationId);
}

/// <summary>
/// Who may see and do what with an event. The organiser is every member of the organising
/// organisation while the directory has it verified, and any coordinator (who runs round tables and series for the network). Everyone
/// else sees public events, and members-only events when signed in as a member of a verified organisation;
/// an event hidden by moderation only its organiser sees. Whoever may not see an event gets 404.
/// </summary>
public static class EventAccess
{
    public static bool CanOrganise(EventViewer viewer, Guid organiserOrganisationId) =>
        viewer.IsCoordinator || viewer.VerifiedOrganisations.Contains(organiserOrganisationId);

    public static bool CanOrganise(EventViewer viewer, Event @event) => CanOrganise(viewer, @event.OrganiserOrganisationId);

    public static bool CanSee(EventViewer viewer, Event @event) =>
        CanOrganise(viewer, @event) || (!@event.IsHidden && IsVisibleTo(viewer, @event.Visibility));

    public static bool IsVisibleTo(EventViewer viewer, EventVisibility visibility) =>
        visibility == EventVisibility.Public || viewer.IsNetworkMember;

    /// <summary>The link of an online session is for the organiser and for people whose place is confirmed.</summary>
    public static bool CanSeeOnlineLinks(EventViewer viewer, Event @event, RegistrationStatus? viewersRegistration) =>
        CanOrganise(viewer, @event) || viewersRegistration == RegistrationStatus.Confirmed;
}
