using System.Net;
using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Network.ServiceDefaults.Mail;

/// <summary>
/// Sends with <see cref="SmtpClient"/> either way, so a pickup file is the same RFC 5322 message
/// that would have gone over the wire, plain text in UTF-8, but for one thing: over SMTP the text
/// is quoted-printable, which any relay passes on; in a file it is left as it is (8bit), so that
/// a person can read it and copy the link out of it.
/// </summary>
internal sealed class SmtpMailSender(MailSettings settings) : IMailSender
{
    /// <summary>How long the server may keep one mail waiting.</summary>
    internal static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Shorter in tests of a server that goes quiet.</summary>
    internal TimeSpan Timeout { get; init; } = DefaultTimeout;

    public async Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        using var message = Compose(mail, settings.UsesSmtp ? TransferEncoding.QuotedPrintable : TransferEncoding.EightBit);
        if (settings.UsesSmtp)
        {
            using var client = new SmtpClient(settings.SmtpHost, settings.SmtpPort)
            {
                EnableSsl = settings.SmtpStartTls,
                Timeout = (int)Timeout.TotalMilliseconds,
                DeliveryFormat = DeliveryFormatFor(mail),
            };
            if (!string.IsNullOrEmpty(settings.SmtpUsername))
            {
                client.Credentials = new NetworkCredential(settings.SmtpUsername, settings.SmtpPassword);
            }

            // The timeout holds for SendMailAsync too (tests/Network.ServiceDefaults.Tests/Mail): a server that
            // accepts the connection and goes quiet fails the mail (SmtpException) instead of holding the
            // caller's batch, and its locked rows, for ever.
            await client.SendMailAsync(message, cancellationToken);
            return;
        }

        await WriteToPickupDirectoryAsync(message, DeliveryFormatFor(mail), cancellationToken);
    }

    private MailMessage Compose(OutgoingMail mail, TransferEncoding bodyEncoding)
    {
        var message = new MailMessage(settings.From, new MailAddress(mail.To))
        {
            Subject = mail.Subject,
            SubjectEncoding = Encoding.UTF8,
            // RFC 5322 lines end in CRLF, whatever the text was written with.
            Body = mail.Text.ReplaceLineEndings("\r\n"),
            BodyEncoding = Encoding.UTF8,
            BodyTransferEncoding = bodyEncoding,
            IsBodyHtml = false,
        };
        message.Headers["Message-ID"] = $"<{Guid.NewGuid():N}@{settings.From.Host}>";
        // RFC 3834: tells mail servers and out-of-office replies that no person wrote this.
        message.Headers["Auto-Submitted"] = "auto-generated";
        return message;
    }

    /// <summary>
    /// SmtpClient writes straight into the folder it is given, so a reader of the pickup folder could
    /// see half a file. It writes into a folder of its own instead, and the finished file is moved
    /// (an atomic rename) into the pickup folder.
    /// </summary>
    private async Task WriteToPickupDirectoryAsync(MailMessage message, SmtpDeliveryFormat format, CancellationToken cancellationToken)
    {
        var staging = Directory.CreateDirectory(Path.Combine(settings.PickupDirectory, ".staging", Guid.NewGuid().ToString("N")));
        try
        {
            using (var client = new SmtpClient
            {
                DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
                PickupDirectoryLocation = staging.FullName,
                DeliveryFormat = format,
            })
            {
                await client.SendMailAsync(message, cancellationToken);
            }

            foreach (var file in staging.EnumerateFiles("*.eml"))
            {
                file.MoveTo(Path.Combine(settings.PickupDirectory, file.Name));
            }
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    /// <summary>An address with a non-ASCII local part (`ayşe@…`) needs SMTPUTF8 (RFC 6531).</summary>
    private static SmtpDeliveryFormat DeliveryFormatFor(OutgoingMail mail) =>
        Ascii.IsValid(mail.To) ? SmtpDeliveryFormat.SevenBit : SmtpDeliveryFormat.International;
}
