using System.Net.Mail;
using Network.ServiceDefaults.Mail;

namespace Network.Messaging.Tests.Support;

/// <summary>
/// The mail server as a script, for the mailer's handling of its failures: it counts every mail it
/// is asked to send, keeps those that went out, fails the mail it is told to, and can signal a
/// shutdown once a given mail is out. Like <see cref="SmtpClient"/>, it refuses to start a mail once
/// the token is cancelled.
/// </summary>
public sealed class ScriptedMailSender : IMailSender
{
    private readonly List<OutgoingMail> delivered = [];

    /// <summary>The mail (counting from 1, in the order asked) that fails as if the server were away.</summary>
    public int? FailingMail { get; init; }

    /// <summary>What the failing mail throws; by default what SmtpClient throws for a server that is away.</summary>
    public Exception Failure { get; init; } = new SmtpException(SmtpStatusCode.ServiceNotAvailable, "The mail server is away (scripted).");

    /// <summary>The shutdown to signal, and after which mail that went out.</summary>
    public (CancellationTokenSource Shutdown, int AfterMail)? ShutdownAfter { get; init; }

    /// <summary>How many mails the mailer tried to send, those refused and failed included.</summary>
    public int Asked { get; private set; }

    /// <summary>The addresses of the mails that went out, in order.</summary>
    public IReadOnlyList<string> DeliveredTo => delivered.Select(mail => mail.To).ToList();

    public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
    {
        Asked++;
        cancellationToken.ThrowIfCancellationRequested();
        if (Asked == FailingMail)
        {
            throw Failure;
        }

        delivered.Add(mail);
        if (ShutdownAfter is { } shutdown && delivered.Count == shutdown.AfterMail)
        {
            shutdown.Shutdown.Cancel();
        }

        return Task.CompletedTask;
    }
}
