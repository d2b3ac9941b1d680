namespace Network.Messaging.Domain;

/// <summary>What a notification is about; its snake_case name is what preferences and the inbox use.</summary>
public enum NotificationType
{
    Welcome,
    MatchSuggested,
    InterestExpressed,
    SuggestionDeclined,
    PartnershipFormed,
    ListingExpiring,
    ListingExpired,
    EventPublished,
    RegistrationConfirmed,
    RegistrationWaitlisted,
    WaitlistPromoted,
    RegistrationCancelled,
    EventChanged,
    EventCancelled,
    SessionReminder,
    CertificateIssued,
    OrganisationStatus,
    ModerationDecision,
    Announcement,
    ConversationStarted,
    MessageReceived,
}

/// <summary>
/// How a person hears of one type of notification. Every choice but <see cref="Off"/> puts it in the
/// in-app inbox (and on the live stream); <see cref="Email"/> also mails it at once, <see cref="Digest"/>
/// in the next daily summary mail.
/// </summary>
public enum Delivery
{
    InApp,
    Email,
    Digest,
    Off,
}

/// <summary>
/// The delivery a person gets until they choose: nobody should be flooded, and nobody should miss
/// what they must act on. What concerns one's own registration, organisation or content, and the
/// first message of a new conversation, is mailed at once; suggestions, fitting events and
/// announcements, which come in numbers and can wait, go into the daily digest; the rest
/// (each further message of a conversation, a listing that expired, interest shown or declined)
/// stays in-app.
/// </summary>
public static class NotificationDefaults
{
    public static Delivery For(NotificationType type) => type switch
    {
        NotificationType.MatchSuggested or NotificationType.EventPublished or NotificationType.Announcement => Delivery.Digest,
        NotificationType.Welcome or NotificationType.InterestExpressed or NotificationType.SuggestionDeclined or NotificationType.ListingExpired
            or NotificationType.RegistrationCancelled or NotificationType.MessageReceived => Delivery.InApp,
        _ => Delivery.Email,
    };
}
