using Network.Contracts.Matching;

namespace Network.Matching.Domain;

/// <summary>Where a suggestion stands; the SQL of 0002_suggestions.sql explains each.</summary>
public enum SuggestionStatus
{
    Open,
    Partnership,
    Declined,
    Closed,
}

/// <summary>
/// Why a suggestion was closed without anyone declining it. `Hidden` and `OrganisationUnavailable`
/// concern one side's moderation; the other side is only told `unavailable` (see SuggestionsApi).
/// </summary>
public enum SuggestionClosedReason
{
    Withdrawn,
    Expired,
    Hidden,
    OrganisationUnavailable,
    NoLongerFits,
}

/// <summary>The two sides of a suggestion: the organisation that offers and the one that asks.</summary>
public enum SuggestionSide
{
    Offer,
    Request,
}

/// <summary>
/// An offer and a request that fit, with the score and reasons of <see cref="MatchScoring"/> and each
/// side's answer. The titles and organisation names are the current ones (listings, read model), for
/// the people reading it and for the events messaging words its notifications from.
/// </summary>
public sealed record Suggestion(
    Guid Id,
    Guid OfferListingId,
    Guid RequestListingId,
    Guid OfferOrganisationId,
    Guid RequestOrganisationId,
    string OfferTitle,
    string RequestTitle,
    string OfferOrganisationName,
    string RequestOrganisationName,
    SuggestionStatus Status,
    double Score,
    IReadOnlyList<MatchReason> Reasons,
    DateTimeOffset? OfferInterestedAt,
    DateTimeOffset? RequestInterestedAt,
    Guid? DeclinedByOrganisationId,
    string? DeclineReason,
    SuggestionClosedReason? ClosedReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ClosedAt,
    Guid? PartnershipId,
    bool OfferHidden = false,
    bool RequestHidden = false)
{
    /// <summary>The side <paramref name="organisationId"/> is on, or null if it is on neither.</summary>
    public SuggestionSide? SideOf(Guid organisationId) =>
        organisationId == OfferOrganisationId ? SuggestionSide.Offer
        : organisationId == RequestOrganisationId ? SuggestionSide.Request
        : null;

    public Guid OrganisationOn(SuggestionSide side) => side == SuggestionSide.Offer ? OfferOrganisationId : RequestOrganisationId;

    public Guid ListingOn(SuggestionSide side) => side == SuggestionSide.Offer ? OfferListingId : RequestListingId;

    public bool IsHidden(SuggestionSide side) => side == SuggestionSide.Offer ? OfferHidden : RequestHidden;

    public bool IsInterested(SuggestionSide side) => (side == SuggestionSide.Offer ? OfferInterestedAt : RequestInterestedAt) is not null;

    /// <summary>The listing of the other side, seen from <paramref name="listingId"/>.</summary>
    public Guid CounterpartOf(Guid listingId) => listingId == OfferListingId ? RequestListingId : OfferListingId;
}

/// <summary>A partnership: both sides of a suggestion were interested.</summary>
public sealed record Partnership(
    Guid Id,
    Guid SuggestionId,
    Guid OfferListingId,
    Guid RequestListingId,
    Guid OfferOrganisationId,
    Guid RequestOrganisationId,
    string OfferTitle,
    string RequestTitle,
    string OfferOrganisationName,
    string RequestOrganisationName,
    DateTimeOffset FormedAt);

public static class SuggestionSides
{
    public static SuggestionSide Other(this SuggestionSide side) => side == SuggestionSide.Offer ? SuggestionSide.Request : SuggestionSide.Offer;
}
