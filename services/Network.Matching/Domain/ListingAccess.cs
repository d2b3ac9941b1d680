using System.Security.Claims;
using Network.ServiceDefaults.Security;

namespace Network.Matching.Domain;

/// <summary>Who is asking, as far as listings care: the organisations the token says they belong to.</summary>
public sealed record ListingViewer(Guid? AccountId, IReadOnlySet<Guid> Organisations, bool IsCoordinator)
{
    public static ListingViewer Of(ClaimsPrincipal user) => new(
        user.AccountId(),
        user.Memberships().Keys.ToHashSet(),
        user.FindAll(NetworkClaims.Role).Any(claim => claim.Value == NetworkClaims.CoordinatorRole));

    public bool IsMemberOf(Guid organisationId) => Organisations.Contains(organisationId);
}

/// <summary>
/// Who may see and change a listing. Its organisation's members (any role) publish, edit and withdraw
/// it and always see it, with why it is held or hidden. Everyone else signed in sees only what is
/// listed: active, not expired, not hidden by moderation, of a verified organisation. Coordinators
/// see everything, because they moderate it.
/// </summary>
public static class ListingAccess
{
    public static bool CanSee(ListingViewer viewer, Listing listing, DateTimeOffset now) =>
        viewer.IsCoordinator || viewer.IsMemberOf(listing.OrganisationId) || IsListed(listing, now);

    public static bool CanEdit(ListingViewer viewer, Listing listing) => viewer.IsMemberOf(listing.OrganisationId);

    /// <summary>Whether the listing is shown to people outside its organisation. The search's SQL says the same in its WHERE clause.</summary>
    public static bool IsListed(Listing listing, DateTimeOffset now) =>
        listing.Status == ListingStatus.Active && !listing.IsExpired(now) && !listing.IsHidden && !listing.IsHeld;
}
