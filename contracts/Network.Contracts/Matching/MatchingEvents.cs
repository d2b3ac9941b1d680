using MassTransit;

namespace Network.Contracts.Matching;

[MessageUrn("network:listing-published:v1")]
public sealed record ListingPublished : IIntegrationEvent
{
    public required Guid ListingId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required string Kind { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> Topics { get; init; }
    public required IReadOnlyList<string> Regions { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:listing-updated:v1")]
public sealed record ListingUpdated : IIntegrationEvent
{
    public required Guid ListingId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:listing-withdrawn:v1")]
public sealed record ListingWithdrawn : IIntegrationEvent
{
    public required Guid ListingId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A reason for a suggestion: a stable code plus its German and English text.</summary>
public sealed record MatchReason
{
    public required string Code { get; init; }
    public required string De { get; init; }
    public required string En { get; init; }
}

[MessageUrn("network:match-suggested:v1")]
public sealed record MatchSuggested : IIntegrationEvent
{
    public required Guid SuggestionId { get; init; }
    public required Guid OfferListingId { get; init; }
    public required Guid RequestListingId { get; init; }
    public required Guid OfferOrganisationId { get; init; }
    public required Guid RequestOrganisationId { get; init; }
    public required string OfferTitle { get; init; }
    public required string RequestTitle { get; init; }
    public required double Score { get; init; }
    public required IReadOnlyList<MatchReason> Reasons { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>One side of a suggestion is interested; `OtherOrganisationId` is the side that has yet to answer (or already did).</summary>
[MessageUrn("network:interest-expressed:v1")]
public sealed record InterestExpressed : IIntegrationEvent
{
    public required Guid SuggestionId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required Guid OtherOrganisationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// Both sides of a suggestion are interested. The first organisation is the one that made the offer,
/// the second the one that made the request; the messaging service opens a conversation between them.
/// </summary>
[MessageUrn("network:partnership-formed:v1")]
public sealed record PartnershipFormed : IIntegrationEvent
{
    public required Guid PartnershipId { get; init; }
    public required Guid SuggestionId { get; init; }
    public required Guid FirstOrganisationId { get; init; }
    public required Guid SecondOrganisationId { get; init; }
    public required Guid OfferListingId { get; init; }
    public required Guid RequestListingId { get; init; }
    public required string OfferTitle { get; init; }
    public required string RequestTitle { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>
/// A suggestion is no longer open without having become a partnership. `Reason` is one of
/// `declined` (then `DeclinedByOrganisationId` and, if given, `DeclineReason` say who and why),
/// `withdrawn`, `expired`, `unavailable` (one side's listing was hidden by moderation or its
/// organisation is no longer verified; which, is not the other side's business) or `no_longer_fits`
/// (a listing changed).
/// </summary>
[MessageUrn("network:suggestion-closed:v1")]
public sealed record SuggestionClosed : IIntegrationEvent
{
    public required Guid SuggestionId { get; init; }
    public required Guid OfferListingId { get; init; }
    public required Guid RequestListingId { get; init; }
    public required Guid OfferOrganisationId { get; init; }
    public required Guid RequestOrganisationId { get; init; }
    public required string OfferTitle { get; init; }
    public required string RequestTitle { get; init; }
    public required string Reason { get; init; }
    public Guid? DeclinedByOrganisationId { get; init; }
    public string? DeclineReason { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A listing's `validUntil` is a week away or less: its organisation is reminded once.</summary>
[MessageUrn("network:listing-expiry-approaching:v1")]
public sealed record ListingExpiryApproaching : IIntegrationEvent
{
    public required Guid ListingId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset ValidUntil { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

/// <summary>A listing reached its `validUntil`: out of search and suggestions until it is extended.</summary>
[MessageUrn("network:listing-expired:v1")]
public sealed record ListingExpired : IIntegrationEvent
{
    public required Guid ListingId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
