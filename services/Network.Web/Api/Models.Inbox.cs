namespace Network.Web.Api;

// The messaging service's documents the inbox pages read (README, section Messaging).

/// <summary>A notification of the signed-in person; `link` is the messaging service's path of what it is about.</summary>
public sealed record Notification(Guid Id, string Type, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt)
{
    public bool Unread => ReadAt is null;
}

public sealed record ConversationParticipant(Guid OrganisationId, string Name);

/// <summary>How many messages of the others one of my organisations has not read yet.</summary>
public sealed record ConversationUnread(Guid OrganisationId, int Unread);

public sealed record Conversation(
    Guid Id,
    string Subject,
    Guid? PartnershipId,
    IReadOnlyList<ConversationParticipant> Participants,
    IReadOnlyList<ConversationUnread> Unread,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastMessageAt)
{
    public int UnreadCount => Unread.Sum(u => u.Unread);

    public string NameOf(Guid organisationId) => Participants.FirstOrDefault(p => p.OrganisationId == organisationId)?.Name ?? string.Empty;
}

/// <summary>A message; one hidden by the moderators keeps its place without its text.</summary>
public sealed record Message(Guid Id, Guid ConversationId, Guid SenderOrganisationId, Guid? SenderAccountId, string? Text, bool Hidden, string? HiddenReason, DateTimeOffset CreatedAt);

public sealed record StartedConversation(Conversation Conversation, Message Message);

/// <summary>How the person hears of each type of notification (`in_app`, `email`, `digest`, `off`), and the platform's defaults.</summary>
public sealed record NotificationPreferences(IReadOnlyDictionary<string, string> Preferences, IReadOnlyDictionary<string, string> Defaults);

/// <summary>Who may open a conversation with an organisation: `verified_organisations` or `partners_only`.</summary>
public sealed record MessagingSettings(string FirstContact);
