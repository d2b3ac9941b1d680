namespace Network.ServiceDefaults.Mail;

/// <summary>
/// Delivers a mail now: through SMTP when NETWORK_SMTP_HOST is set, otherwise as an `.eml` file in
/// the pickup folder (NETWORK_MAIL_PICKUP_DIR). Throws when it cannot; callers that must not wait
/// for the mail server use <see cref="MailQueue"/> instead.
/// </summary>
public interface IMailSender
{
    Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken);
}
