using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Network.ServiceDefaults.Mail;

/// <summary>
/// Mails sent in the background, in the order they were queued. A request that mails someone
/// neither waits for the mail server nor fails with it, and takes as long whether or not it sent a
/// mail, so its timing cannot tell whether an address has an account. The queue lives in memory:
/// what is queued when the process stops is lost, and the person asks for the mail again.
/// </summary>
public sealed partial class MailQueue(IMailSender sender, ILogger<MailQueue> logger) : BackgroundService
{
    /// <summary>Enough for any burst we expect; beyond it a mail is dropped rather than memory exhausted.</summary>
    public const int Capacity = 10_000;

    private static readonly TimeSpan[] Retries = [TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)];

    private readonly Channel<OutgoingMail> queue = Channel.CreateBounded<OutgoingMail>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite });

    public void Enqueue(OutgoingMail mail)
    {
        if (!queue.Writer.TryWrite(mail))
        {
            LogDropped(logger, mail.Subject);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var mail in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DeliverAsync(mail, stoppingToken);
        }
    }

    private async Task DeliverAsync(OutgoingMail mail, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await sender.SendAsync(mail, stoppingToken);
                LogSent(logger, mail.Subject);
                return;
            }
            // A cancellation is the end only when the service stops; one the sender raised itself (a
            // timeout of its own) is a failure like any other, or it would end the queue for good.
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested && attempt < Retries.Length)
            {
                LogRetrying(logger, exception, mail.Subject, Retries[attempt]);
                await Task.Delay(Retries[attempt], stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                LogGaveUp(logger, exception, mail.Subject, attempt + 1);
                return;
            }
        }
    }

    // The recipient's address stays out of the logs: it is personal data, and the subject and
    // the trace of the request that queued the mail are enough to find it.
    [LoggerMessage(Level = LogLevel.Information, Message = "Sent mail '{Subject}'")]
    private static partial void LogSent(ILogger logger, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not send mail '{Subject}'; trying again in {Pause}")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string subject, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Error, Message = "Gave up sending mail '{Subject}' after {Attempts} attempts")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string subject, int attempts);

    [LoggerMessage(Level = LogLevel.Error, Message = "Mail queue full; dropped mail '{Subject}'")]
    private static partial void LogDropped(ILogger logger, string subject);
}
