using System.Net.Mail;
using Microsoft.Extensions.Configuration;

namespace Network.ServiceDefaults.Mail;

/// <summary>How mail leaves this process: the SMTP server, or else the pickup folder.</summary>
public sealed record MailSettings(
    string? SmtpHost,
    int SmtpPort,
    string? SmtpUsername,
    string? SmtpPassword,
    bool SmtpStartTls,
    MailAddress From,
    string PickupDirectory)
{
    public const string SmtpHostSetting = "NETWORK_SMTP_HOST";
    public const string SmtpPortSetting = "NETWORK_SMTP_PORT";
    public const string SmtpUsernameSetting = "NETWORK_SMTP_USERNAME";
    public const string SmtpPasswordSetting = "NETWORK_SMTP_PASSWORD";
    public const string SmtpStartTlsSetting = "NETWORK_SMTP_STARTTLS";
    public const string FromSetting = "NETWORK_MAIL_FROM";
    public const string PickupDirectorySetting = "NETWORK_MAIL_PICKUP_DIR";

    public const int DefaultSmtpPort = 587;
    public const string DefaultFrom = "Network <noreply@network.localhost>";

    /// <summary>
    /// The system's temporary folder rather than the content root: `make up` runs each service from
    /// its project folder, and mails (with sign-in links) do not belong in the source tree.
    /// </summary>
    public static string DefaultPickupDirectory => Path.Combine(Path.GetTempPath(), "network-mail");

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(SmtpHost);

    /// <summary>Reads the settings; a value that cannot work stops the start-up rather than the first mail.</summary>
    public static MailSettings Read(IConfiguration configuration)
    {
        var port = DefaultSmtpPort;
        if (configuration[SmtpPortSetting] is { Length: > 0 } portText && (!int.TryParse(portText, out port) || port is < 1 or > 65535))
        {
            throw new InvalidOperationException($"{SmtpPortSetting} must be a port number, not '{portText}'.");
        }

        var startTls = true;
        if (configuration[SmtpStartTlsSetting] is { Length: > 0 } startTlsText && !bool.TryParse(startTlsText, out startTls))
        {
            throw new InvalidOperationException($"{SmtpStartTlsSetting} must be 'true' or 'false', not '{startTlsText}'.");
        }

        var fromText = configuration[FromSetting] is { Length: > 0 } configured ? configured : DefaultFrom;
        if (!MailAddress.TryCreate(fromText, out var from))
        {
            throw new InvalidOperationException($"{FromSetting} is not a mail address: '{fromText}'.");
        }

        var pickup = configuration[PickupDirectorySetting] is { Length: > 0 } folder ? folder : DefaultPickupDirectory;
        return new MailSettings(
            configuration[SmtpHostSetting],
            port,
            configuration[SmtpUsernameSetting],
            configuration[SmtpPasswordSetting],
            startTls,
            from,
            Path.GetFullPath(pickup));
    }
}
