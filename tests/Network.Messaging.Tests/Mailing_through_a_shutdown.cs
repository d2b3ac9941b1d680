using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Contracts.Events;
using Network.Messaging.Background;
using Network.Messaging.Realtime;
using Network.Messaging.Tests.Support;
using Network.ServiceDefaults.Mail;
using Npgsql;

namespace Network.Messaging.Tests;

/// <summary>
/// The mailer stopped halfway through a batch (a deploy, a shutdown), or facing a mail server that is
/// away. A host of its own: each test stops the service's own mailer, so only the mailers it runs
/// claim the mails.
/// </summary>
public sealed class Mailing_through_a_shutdown(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    [Fact]
    public async Task Mails_that_went_out_before_a_shutdown_are_recorded_and_not_sent_again_after_the_restart()
    {
        await api.Service<NotificationMailer>().StopAsync(CancellationToken.None);
        var people = new[] { await api.AccountAsync(), await api.AccountAsync(), await api.AccountAsync() };
        await api.DeliverAsync(new EventCancelled
        {
            EventId = Guid.NewGuid(),
            Title = "Runder Tisch Lichtenberg",
            Reason = "Raum nicht verfügbar.",
            RegistrantAccountIds = people.Select(p => p.Id).ToList(),
            OccurredAt = DateTimeOffset.UtcNow,
        });

        using var shutdown = new CancellationTokenSource();
        var beforeShutdown = new RecordingSender(stopAfter: 1, shutdown);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Mailer(beforeShutdown).RunOnceAsync(shutdown.Token));
        var afterRestart = new RecordingSender(stopAfter: int.MaxValue, shutdown: null);
        await Mailer(afterRestart).RunOnceAsync(CancellationToken.None);

        var first = Assert.Single(beforeShutdown.Sent);
        Assert.DoesNotContain(first, afterRestart.Sent);
        Assert.Equal(people.Select(p => p.Email).Order(), beforeShutdown.Sent.Concat(afterRestart.Sent).Order());
        foreach (var person in people)
        {
            Assert.NotNull(Assert.Single(await api.NotificationsOfAsync(person.Id)).EmailSentAt);
        }
    }

    [Fact]
    public async Task A_mail_server_that_is_away_for_a_while_does_not_use_up_the_attempts_of_the_first_mails_in_line()
    {
        await api.Service<NotificationMailer>().StopAsync(CancellationToken.None);
        var person = await api.AccountAsync();
        await api.DeliverAsync(new RegistrationConfirmed
        {
            RegistrationId = Guid.NewGuid(),
            EventId = Guid.NewGuid(),
            AccountId = person.Id,
            EventTitle = "Runder Tisch Lichtenberg",
            OccurredAt = DateTimeOffset.UtcNow,
        });
        var away = new UnreachableServer();
        var mailer = Mailer(away);

        for (var round = 0; round < NotificationMailer.MaximumAttempts; round++)
        {
            await mailer.RunOnceAsync(CancellationToken.None);
        }

        // Tried once; the next attempt waits, however often the mailer wakes meanwhile.
        Assert.Equal(1, away.Attempts);
        var waiting = Assert.Single(await api.NotificationsOfAsync(person.Id));
        Assert.Null(waiting.EmailGivenUpAt);
        Assert.Null(waiting.EmailSentAt);
    }

    private NotificationMailer Mailer(IMailSender sender) => new(
        api.Service<NpgsqlDataSource>(), sender, api.Service<IConfiguration>(), api.Service<DatabaseListener>(), NullLogger<NotificationMailer>.Instance);

    private sealed class UnreachableServer : IMailSender
    {
        public int Attempts { get; private set; }

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            Attempts++;
            throw new System.Net.Mail.SmtpException("The mail server is away.");
        }
    }

    /// <summary>Sends (records) <c>stopAfter</c> mails; the next one is interrupted by the shutdown.</summary>
    private sealed class RecordingSender(int stopAfter, CancellationTokenSource? shutdown) : IMailSender
    {
        public List<string> Sent { get; } = [];

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            if (Sent.Count == stopAfter)
            {
                shutdown!.Cancel();
                cancellationToken.ThrowIfCancellationRequested();
            }

            Sent.Add(mail.To);
            return Task.CompletedTask;
        }
    }
}
