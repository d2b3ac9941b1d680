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
    public required double Score { get; init; }
    public required IReadOnlyList<MatchReason> Reasons { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:interest-expressed:v1")]
public sealed record InterestExpressed : IIntegrationEvent
{
    public required Guid SuggestionId { get; init; }
    public required Guid OrganisationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}

[MessageUrn("network:partnership-formed:v1")]
public sealed record PartnershipFormed : IIntegrationEvent
{
    public required Guid PartnershipId { get; init; }
    public required Guid SuggestionId { get; init; }
    public required Guid FirstOrganisationId { get; init; }
    public required Guid SecondOrganisationId { get; init; }
    public required DateTimeOffset OccurredAt { get; init; }
}
