namespace Network.Web.Api;

/// <summary>The calls of the coordinators' pages: verification, moderation in every service, audit logs, announcements, statistics.</summary>
public sealed partial class NetworkApi
{
    /// <summary>The services that hold user content, each with its own moderation queue, decisions and audit log.</summary>
    public static readonly IReadOnlyList<string> ModeratedServices = ["directory", "matching", "events", "messaging"];

    public Task<ApiResult<Page<Organisation>>> PendingOrganisationsAsync(string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Organisation>>("/api/directory/organisations?status=pending&limit=20" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<Organisation>> DecideVerificationAsync(Guid organisationId, string decision, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync<Organisation>(HttpMethod.Post, $"/api/directory/organisations/{organisationId}/verification", new { decision, reason }, cancellationToken);

    /// <summary>The oldest hundred entries of one service's queue (the most a page takes).</summary>
    public Task<ApiResult<Page<CoordinationQueueItem>>> ModerationQueueAsync(string service, CancellationToken cancellationToken = default) =>
        GetAsync<Page<CoordinationQueueItem>>($"/api/{Checked(service)}/moderation/queue?limit=100", cancellationToken);

    public Task<ApiResult<CoordinationAuditEntry>> DecideModerationAsync(string service, string contentType, Guid contentId, string decision, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<CoordinationAuditEntry>(HttpMethod.Post, $"/api/{Checked(service)}/moderation/decisions", new { contentType, contentId, decision, reason }, cancellationToken);

    public Task<ApiResult<Page<CoordinationAuditEntry>>> ModerationAuditAsync(string service, string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<CoordinationAuditEntry>>($"/api/{Checked(service)}/moderation/audit?limit=20" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<Page<CoordinationStatusDecision>>> StatusDecisionsAsync(string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<CoordinationStatusDecision>>("/api/directory/status-decisions?limit=20" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<Page<CoordinationAnnouncement>>> AnnouncementsAsync(string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<CoordinationAnnouncement>>("/api/messaging/announcements?limit=20" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<CoordinationAnnouncement>> SendAnnouncementAsync(string title, string body, CoordinationAudience audience, CancellationToken cancellationToken = default) =>
        SendAsync<CoordinationAnnouncement>(HttpMethod.Post, "/api/messaging/announcements", new { title, body, audience }, cancellationToken);

    public Task<ApiResult<DirectoryCounts>> DirectoryStatisticsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<DirectoryCounts>("/api/directory/statistics", cancellationToken);

    public Task<ApiResult<MatchingCounts>> MatchingStatisticsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<MatchingCounts>("/api/matching/statistics", cancellationToken);

    public Task<ApiResult<EventCounts>> EventStatisticsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<EventCounts>("/api/events/statistics", cancellationToken);

    // The service name becomes part of the path: only the four known ones may.
    private static string Checked(string service) =>
        ModeratedServices.Contains(service) ? service : throw new ArgumentOutOfRangeException(nameof(service), service, "Not a service with moderation.");
}
