using Network.ServiceDefaults.Http;

namespace Network.Messaging.Domain;

/// <summary>What a message and a conversation's subject must be.</summary>
public static class ConversationRules
{
    public const int MaximumTextLength = 10_000;
    public const int MaximumSubjectLength = 200;

    /// <summary>What is wrong with a message's text, or null when it may be sent.</summary>
    public static string? TextProblem(string? text) => text switch
    {
        null => "Write a message.",
        _ when string.IsNullOrWhiteSpace(text) => "Write a message; it is empty.",
        { Length: > MaximumTextLength } => $"A message may have at most {MaximumTextLength} characters; this one has {text.Length}.",
        _ when TextRules.HasControlCharacters(text, allowLineBreaks: true) => "A message may not contain control characters other than line breaks and tabs.",
        _ => null,
    };

    public static string? SubjectProblem(string? subject) => subject?.Trim() switch
    {
        null or "" => "Give the conversation a subject.",
        { Length: > MaximumSubjectLength } => $"A subject may have at most {MaximumSubjectLength} characters.",
        var trimmed when TextRules.HasControlCharacters(trimmed, allowLineBreaks: false) => "A subject may not contain control characters or line breaks.",
        _ => null,
    };
}

/// <summary>Why an organisation may not open a conversation with another.</summary>
public enum FirstContactRefusal
{
    /// <summary>The writing organisation is not (or no longer) verified.</summary>
    SenderNotVerified,

    /// <summary>The organisation written to takes first contact only from its partners.</summary>
    PartnersOnly,
}

/// <summary>
/// Who may write first. Only verified organisations write at all: an unverified one is not yet part
/// of the network, a suspended one is out of it for now. The organisation written to must be
/// verified too (anything else is answered as unknown), and decides whether any verified
/// organisation may open a conversation with it or only its partners. Replies in an existing
/// conversation need only the sender to be verified.
/// </summary>
public static class FirstContactPolicy
{
    public static bool CanBeWrittenTo(OrganisationProfile? recipient) => recipient is { Status: OrganisationStatus.Verified };

    public static FirstContactRefusal? RefusalOf(OrganisationProfile sender, OrganisationProfile recipient, bool arePartners) =>
        sender.Status != OrganisationStatus.Verified ? FirstContactRefusal.SenderNotVerified
        : recipient.FirstContact == FirstContact.PartnersOnly && !arePartners ? FirstContactRefusal.PartnersOnly
        : null;

    public static bool MayReply(OrganisationProfile? sender) => sender is { Status: OrganisationStatus.Verified };
}
