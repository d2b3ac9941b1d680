namespace Network.Web.Api;

// What the coordinators' pages read: moderation queues and audit logs of every service, the
// directory's status decisions, announcements, and the statistics of directory, matching and events.

/// <summary>One entry of a service's moderation queue; <see cref="Service"/> is set by the page that merges the queues.</summary>
public sealed record CoordinationQueueItem(
    string ContentType,
    Guid ContentId,
    string Title,
    string State,
    Guid? OwnerOrganisationId,
    DateTimeOffset WaitingSince,
    int OpenReports,
    IReadOnlyList<string> Reasons)
{
    public string Service { get; init; } = string.Empty;
}

public sealed record CoordinationAuditEntry(Guid Id, string ContentType, Guid ContentId, string Decision, string Reason, Guid CoordinatorAccountId, DateTimeOffset DecidedAt);

public sealed record CoordinationStatusDecision(Guid Id, Guid OrganisationId, string OrganisationName, string Decision, string? Reason, Guid CoordinatorAccountId, DateTimeOffset DecidedAt);

public sealed record CoordinationAudience(IReadOnlyList<string> Kinds, IReadOnlyList<string> Regions, IReadOnlyList<string> Topics);

public sealed record CoordinationAnnouncement(
    Guid Id, string Title, string Body, CoordinationAudience Audience, string Status, int? RecipientCount, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt);

public sealed record CoordinationCodeCount(string Code, int Organisations);

public sealed record DirectoryCounts(IReadOnlyList<CoordinationCodeCount> ByStatus, IReadOnlyList<CoordinationCodeCount> ByKind, IReadOnlyList<CoordinationCodeCount> ByRegion);

public sealed record ListingKindCounts(int Offers, int Requests);

public sealed record ListingCodeCounts(string Code, int Offers, int Requests);

public sealed record ListingRegionTopicCounts(string Region, string Topic, int Offers, int Requests);

public sealed record ListedCounts(ListingKindCounts ByKind, IReadOnlyList<ListingCodeCounts> ByTopic, IReadOnlyList<ListingCodeCounts> ByRegion, IReadOnlyList<ListingRegionTopicCounts> ByRegionAndTopic);

public sealed record MatchingMonthCounts(string Month, int ListingsPublished, int SuggestionsMade, int InterestShown, int SuggestionsDeclined, int PartnershipsFormed);

public sealed record MatchingCounts(ListedCounts Listed, IReadOnlyList<MatchingMonthCounts> Months);

public sealed record EventGroupCounts(string Key, int Events, int Registrations, int Confirmed, int Waitlisted, int SessionsAttended, int AttendanceRecorded, int Certificates, double? AttendanceRate);

public sealed record EventCounts(EventGroupCounts Total, IReadOnlyList<EventGroupCounts> ByKind, IReadOnlyList<EventGroupCounts> ByTopic, IReadOnlyList<EventGroupCounts> ByRegion);
