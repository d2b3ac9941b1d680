namespace Network.Infra.Tests.Support;

/// <summary>
/// The settings these tests look for by name. Spelled here rather than taken from ServiceDefaults,
/// so this project builds without the services; a rename in the code still fails the tests,
/// because every NETWORK_* name in infra/ must be one the code reads.
/// </summary>
internal static class ServiceSettingNames
{
    public const string Database = "NETWORK_DATABASE";
    public const string RabbitMq = "NETWORK_RABBITMQ";
    public const string PublicUrl = "NETWORK_PUBLIC_URL";

    /// <summary>What a process that sends mail needs to reach an SMTP server (README, "Configuration").</summary>
    public static readonly string[] Mail =
        ["NETWORK_SMTP_HOST", "NETWORK_SMTP_PORT", "NETWORK_SMTP_USERNAME", "NETWORK_SMTP_PASSWORD", "NETWORK_SMTP_STARTTLS", "NETWORK_MAIL_FROM"];

    /// <summary>
    /// The settings a process needs for the links and mails it writes: the public address where its
    /// code builds links from it (<c>PublicBaseUrl()</c>), the mail settings where it sends mail.
    /// </summary>
    public static IEnumerable<string> ForLinksAndMail(RunnableProject project) =>
        (project.WritesPublicLinks ? [PublicUrl] : Array.Empty<string>()).Concat(project.SendsMail ? Mail : []);
}
