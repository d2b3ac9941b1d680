using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Mail;

namespace Network.ServiceDefaults.Tests.Mail;

/// <summary>
/// The in-memory mail queue (sign-up confirmations, password resets) runs as long as the service
/// does: a mail that fails is tried again, and one that keeps failing is given up, but the queue
/// goes on with the next. A cancellation the sender raised itself (a timeout of its own) is such a
/// failure, not the end of the queue.
/// </summary>
public sealed class Queueing_mail_through_a_failing_sender
{
    // Only a guard against a hang when the code under test is broken; the queue's first retry waits two seconds.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_cancellation_the_sender_raised_itself_is_retried_and_the_queue_goes_on()
    {
        var sender = new FailingOnce(new TaskCanceledException("The mail server did not answer in time (scripted)."));
        using var queue = new MailQueue(sender, NullLogger<MailQueue>.Instance);
        await queue.StartAsync(CancellationToken.None);

        queue.Enqueue(new OutgoingMail("first@network.test", "Erste", "Text"));
        queue.Enqueue(new OutgoingMail("second@network.test", "Zweite", "Text"));
        await sender.BothDelivered.WaitAsync(Hang);
        await queue.StopAsync(CancellationToken.None);

        Assert.Equal(["first@network.test", "first@network.test", "second@network.test"], sender.Asked);
        Assert.Equal(["first@network.test", "second@network.test"], sender.DeliveredTo);
    }

    /// <summary>A mail server that fails the first mail it is asked for with <paramref name="failure"/>, then takes every mail.</summary>
    private sealed class FailingOnce(Exception failure) : IMailSender
    {
        private readonly List<string> asked = [];
        private readonly List<string> delivered = [];
        private readonly TaskCompletionSource twoDelivered = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public IReadOnlyList<string> Asked
        {
            get
            {
                lock (asked)
                {
                    return asked.ToList();
                }
            }
        }

        public IReadOnlyList<string> DeliveredTo
        {
            get
            {
                lock (asked)
                {
                    return delivered.ToList();
                }
            }
        }

        public Task BothDelivered => twoDelivered.Task;

        public Task SendAsync(OutgoingMail mail, CancellationToken cancellationToken)
        {
            lock (asked)
            {
                asked.Add(mail.To);
                if (asked.Count == 1)
                {
                    throw failure;
                }

                delivered.Add(mail.To);
                if (delivered.Count == 2)
                {
                    twoDelivered.TrySetResult();
                }
            }

            return Task.CompletedTask;
        }
    }
}
