namespace Network.Web.Api;

/// <summary>The calls of the inbox: notifications, conversations, reports of messages and preferences (the live stream is Inbox/LiveUpdates.cs).</summary>
public sealed partial class NetworkApi
{
    public Task<ApiResult<Page<Notification>>> NotificationsAsync(string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Notification>>("/api/messaging/notifications?limit=20" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<object>> MarkNotificationReadAsync(Guid notificationId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"/api/messaging/notifications/{notificationId}/read", new { }, cancellationToken);

    public Task<ApiResult<Page<Conversation>>> ConversationsAsync(string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Conversation>>("/api/messaging/conversations?limit=20" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<Conversation>> ConversationAsync(Guid conversationId, CancellationToken cancellationToken = default) =>
        GetAsync<Conversation>($"/api/messaging/conversations/{conversationId}", cancellationToken);

    /// <summary>The newest messages first, as the API pages them.</summary>
    public Task<ApiResult<Page<Message>>> MessagesAsync(Guid conversationId, string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Message>>($"/api/messaging/conversations/{conversationId}/messages?limit=50" + CursorQuery(cursor), cancellationToken);

    public Task<ApiResult<StartedConversation>> StartConversationAsync(
        Guid fromOrganisationId, Guid toOrganisationId, string subject, string text, CancellationToken cancellationToken = default) =>
        SendAsync<StartedConversation>(HttpMethod.Post, "/api/messaging/conversations", new { fromOrganisationId, toOrganisationId, subject, text }, cancellationToken);

    public Task<ApiResult<Message>> PostMessageAsync(Guid conversationId, Guid fromOrganisationId, string text, CancellationToken cancellationToken = default) =>
        SendAsync<Message>(HttpMethod.Post, $"/api/messaging/conversations/{conversationId}/messages", new { fromOrganisationId, text }, cancellationToken);

    public Task<ApiResult<object>> MarkConversationReadAsync(Guid conversationId, Guid organisationId, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"/api/messaging/conversations/{conversationId}/read", new { organisationId }, cancellationToken);

    /// <summary>Tells the coordinators about a message (moderation report); the reason is required.</summary>
    public Task<ApiResult<object>> ReportMessageAsync(Guid messageId, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, "/api/messaging/reports", new { contentType = "message", contentId = messageId, reason }, cancellationToken);

    public Task<ApiResult<NotificationPreferences>> NotificationPreferencesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<NotificationPreferences>("/api/messaging/preferences", cancellationToken);

    public Task<ApiResult<NotificationPreferences>> SaveNotificationPreferencesAsync(IReadOnlyDictionary<string, string> preferences, CancellationToken cancellationToken = default) =>
        SendAsync<NotificationPreferences>(HttpMethod.Put, "/api/messaging/preferences", new { preferences }, cancellationToken);

    public Task<ApiResult<MessagingSettings>> MessagingSettingsAsync(Guid organisationId, CancellationToken cancellationToken = default) =>
        GetAsync<MessagingSettings>($"/api/messaging/organisations/{organisationId}/settings", cancellationToken);

    public Task<ApiResult<MessagingSettings>> SaveMessagingSettingsAsync(Guid organisationId, string firstContact, CancellationToken cancellationToken = default) =>
        SendAsync<MessagingSettings>(HttpMethod.Put, $"/api/messaging/organisations/{organisationId}/settings", new { firstContact }, cancellationToken);
}
