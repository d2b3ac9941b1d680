namespace Network.ServiceDefaults.Mail;

/// <summary>A plain-text mail to one person; the sender is the platform's (NETWORK_MAIL_FROM).</summary>
public sealed record OutgoingMail(string To, string Subject, string Text);
