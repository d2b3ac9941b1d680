using System.Net;
using System.Net.Mail;
using System.Net.Sockets;
using Network.ServiceDefaults.Mail;

namespace Network.ServiceDefaults.Tests.Mail;

/// <summary>
/// A mail server that accepts the connection and then says nothing must not hold a sender for ever:
/// the mailers send in batches inside a transaction with the batch's rows locked. The "server" here
/// is a loopback socket that accepts and stays silent, which is exactly that fault.
/// </summary>
public sealed class Sending_to_a_mail_server_that_goes_quiet : IDisposable
{
    // Only a guard against a hang when the code under test is broken; the deadline tested is one second.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private readonly TcpListener silentServer = new(IPAddress.Loopback, 0);
    private readonly List<TcpClient> connections = [];

    public Sending_to_a_mail_server_that_goes_quiet()
    {
        silentServer.Start();
        _ = AcceptAndSayNothingAsync();
    }

    [Fact]
    public async Task The_mail_fails_as_a_send_failure_once_the_timeout_passes()
    {
        var sender = Sender(TimeSpan.FromSeconds(1));

        // A send failure, which the mailers count and retry later; not a cancellation, which they take for a shutdown.
        await Assert.ThrowsAsync<SmtpException>(() => sender.SendAsync(Mail(), CancellationToken.None).WaitAsync(Hang));
        lock (connections)
        {
            Assert.NotEmpty(connections);
        }
    }

    [Fact]
    public async Task The_callers_own_cancellation_stays_a_cancellation()
    {
        var sender = Sender(TimeSpan.FromSeconds(30));
        using var shutdown = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sender.SendAsync(Mail(), shutdown.Token).WaitAsync(Hang));
    }

    public void Dispose()
    {
        silentServer.Stop();
        lock (connections)
        {
            connections.ForEach(c => c.Dispose());
        }
    }

    private SmtpMailSender Sender(TimeSpan timeout) =>
        new(new MailSettings(
            "127.0.0.1",
            ((IPEndPoint)silentServer.LocalEndpoint).Port,
            null,
            null,
            SmtpStartTls: false,
            new MailAddress("noreply@network.test"),
            Path.GetTempPath()))
        {
            Timeout = timeout,
        };

    private static OutgoingMail Mail() => new("someone@network.test", "Betreff", "Text");

    private async Task AcceptAndSayNothingAsync()
    {
        try
        {
            while (true)
            {
                var connection = await silentServer.AcceptTcpClientAsync();
                lock (connections)
                {
                    connections.Add(connection);
                }
            }
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
            // The listener was stopped.
        }
    }
}
