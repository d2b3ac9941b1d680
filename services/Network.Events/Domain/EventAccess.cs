using System.Security.Claims;
using Network.ServiceDefaults.Security;

namespace Network.Events.Domain;

/// <summary>Who is asking, as far as events care: signed in or not, the organisations the token names, coordinator or not.</summary>
public sealed record EventViewer(Guid? AccountId, IReadOnlySet<Guid> Organisations, bool IsCoordinator)
{
    public static EventViewer Of(ClaimsPrincipal user) => new(
        user.AccountId(),
        user.Memberships().Keys.ToHashSet(),
        user.FindAll(NetworkClaims.Role).Any(claim => claim.Value == NetworkClaims.CoordinatorRole));

    public bool IsSignedIn => AccountId is not null;

    /// <summary>Members of an organisation of the network (and coordinators) see members-only events.</summary>
    public bool IsNetworkMember => IsCoordinator || (IsSignedIn && Organisations.Count > 0);

    public bool IsMemberOf(Guid organisationId) => Organisations.Contains(organisationId);
}

/// <summary>
/// Who may see and do what with an event. The organiser is every member of the organising
/// organisation, and any coordinator (who runs round tables and series for the network). Everyone
/// else sees public events, and members-only events when signed in as a member of an organisation;
/// an event hidden by moderation only its organiser sees. Whoever may not see an event gets 404.
/// </summary>
public static class EventAccess
{
    public static bool CanOrganise(EventViewer viewer, Guid organiserOrganisationId) =>
        viewer.IsCoordinator || viewer.IsMemberOf(organiserOrganisationId);

    public static bool CanOrganise(EventViewer viewer, Event @event) => CanOrganise(viewer, @event.OrganiserOrganisationId);

    public static bool CanSee(EventViewer viewer, Event @event) =>
        CanOrganise(viewer, @event) || (!@event.IsHidden && IsVisibleTo(viewer, @event.Visibility));

    public static bool IsVisibleTo(EventViewer viewer, EventVisibility visibility) =>
        visibility == EventVisibility.Public || viewer.IsNetworkMember;

    /// <summary>The link of an online session is for the organiser and for people whose place is confirmed.</summary>
    public static bool CanSeeOnlineLinks(EventViewer viewer, Event @event, RegistrationStatus? viewersRegistration) =>
        CanOrganise(viewer, @event) || viewersRegistration == RegistrationStatus.Confirmed;
}
