using System.Collections.Concurrent;
using Dapper;
using Npgsql;

namespace Network.Messaging.Realtime;

/// <summary>
/// PostgreSQL `NOTIFY` channels between the instances of messaging. A transaction that writes
/// something others must react to (a notification for the live stream, a mail to send, an
/// announcement to fan out) notifies inside itself, so the signal is delivered at commit, to every
/// instance, and never for work that was rolled back.
/// </summary>
public static class DatabaseSignals
{
    /// <summary>Payload `n:{sourceKey}` (notifications of one cause were written) or `m:{messageId}` (a message was posted).</summary>
    public const string Stream = "messaging_stream";

    /// <summary>A notification to mail at once was written.</summary>
    public const string Mail = "messaging_mail";

    /// <summary>An announcement waits to be fanned out.</summary>
    public const string Announcements = "messaging_announcements";

    public static Task NotifyAsync(NpgsqlTransaction transaction, string channel, string payload, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_notify(@channel, @payload)", new { channel, payload }, transaction, cancellationToken: cancellationToken));
}

/// <summary>
/// Listens on <see cref="DatabaseSignals"/>' channels with one connection per instance and hands each
/// payload to whoever subscribed to the channel. After a lost connection it listens again and tells
/// every subscriber with an empty payload, since signals may have been missed in between.
/// </summary>
public sealed partial class DatabaseListener(NpgsqlDataSource dataSource, ILogger<DatabaseListener> logger) : BackgroundService
{
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(2);
    private static readonly string[] Channels = [DatabaseSignals.Stream, DatabaseSignals.Mail, DatabaseSignals.Announcements];

    private readonly ConcurrentDictionary<string, ConcurrentBag<Action<string>>> subscribers = new(StringComparer.Ordinal);

    /// <summary>Calls <paramref name="onSignal"/> (on the listener's thread: it must return quickly) for every signal on <paramref name="channel"/>.</summary>
    public void Subscribe(string channel, Action<string> onSignal) => subscribers.GetOrAdd(channel, _ => []).Add(onSignal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, signal) => Dispatch(signal.Channel, signal.Payload);
                foreach (var channel in Channels)
                {
                    await using var listen = connection.CreateCommand();
                    listen.CommandText = $"LISTEN {channel}";
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                foreach (var channel in Channels)
                {
                    Dispatch(channel, string.Empty);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogListenFailed(logger, exception.Message);
                try
                {
                    await Task.Delay(Reconnect, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private void Dispatch(string channel, string payload)
    {
        if (!subscribers.TryGetValue(channel, out var onSignals))
        {
            return;
        }

        foreach (var onSignal in onSignals)
        {
            try
            {
                onSignal(payload);
            }
            catch (Exception exception)
            {
                LogSubscriberFailed(logger, channel, exception.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Messaging's database listener lost its connection: {Reason}")]
    private static partial void LogListenFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A subscriber of {Channel} failed: {Reason}")]
    private static partial void LogSubscriberFailed(ILogger logger, string channel, string reason);
}
