using System.Collections.Concurrent;
using System.Threading.Channels;
using Dapper;
using Network.Messaging.Data;
using Npgsql;

namespace Network.Messaging.Realtime;

/// <summary>Something a signed-in person's live stream carries: a notification or a message, as the API shows it.</summary>
public sealed record StreamEvent(string Event, Guid Id, object Data);

/// <summary>One open stream: the person, the organisations their token names, and what waits to be written to them.</summary>
public sealed class StreamSubscription : IDisposable
{
    // A slow reader loses the oldest events rather than the process its memory; the inbox has them all.
    private const int Capacity = 1_000;
    private const int RememberedIds = 10_000;

    private readonly Action<StreamSubscription> unsubscribe;
    private readonly HashSet<Guid> sent = [];

    internal StreamSubscription(Guid accountId, IReadOnlySet<Guid> organisations, Action<StreamSubscription> unsubscribe)
    {
        AccountId = accountId;
        Organisations = organisations;
        this.unsubscribe = unsubscribe;
    }

    public Guid AccountId { get; }

    public IReadOnlySet<Guid> Organisations { get; }

    public Channel<StreamEvent> Events { get; } = Channel.CreateBounded<StreamEvent>(new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.DropOldest });

    /// <summary>Queues the event unless this stream carried it already (one cause may be signalled more than once, e.g. batch by batch).</summary>
    internal void Offer(StreamEvent streamEvent)
    {
        lock (sent)
        {
            if (sent.Count >= RememberedIds)
            {
                sent.Clear();
            }

            if (!sent.Add(streamEvent.Id))
            {
                return;
            }
        }

        Events.Writer.TryWrite(streamEvent);
    }

    public void Dispose()
    {
        Events.Writer.TryComplete();
        unsubscribe(this);
    }
}

/// <summary>
/// Delivers new notifications and messages to the open streams of this instance. Whatever instance
/// wrote them signals it through PostgreSQL (`NOTIFY` on <see cref="DatabaseSignals.Stream"/>, sent
/// at commit); every instance listens, looks up what concerns the people connected to it, and queues
/// it for their streams. Signals are handled one after the other, off the listener's thread.
/// </summary>
public sealed partial class StreamHub(NpgsqlDataSource dataSource, DatabaseListener listener, ILogger<StreamHub> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<StreamSubscription, byte> subscriptions = new();
    private readonly Channel<string> signals = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });

    public int Connected => subscriptions.Count;

    public StreamSubscription Subscribe(Guid accountId, IReadOnlySet<Guid> organisations)
    {
        var subscription = new StreamSubscription(accountId, organisations, s => subscriptions.TryRemove(s, out _));
        subscriptions.TryAdd(subscription, 0);
        return subscription;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        listener.Subscribe(DatabaseSignals.Stream, payload =>
        {
            if (!subscriptions.IsEmpty && payload.Length > 2)
            {
                signals.Writer.TryWrite(payload);
            }
        });

        try
        {
            await foreach (var payload in signals.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    await DeliverAsync(payload, stoppingToken);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    LogDeliveryFailed(logger, payload, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task DeliverAsync(string payload, CancellationToken cancellationToken)
    {
        var open = subscriptions.Keys.ToList();
        if (open.Count == 0)
        {
            return;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        if (payload.StartsWith("n:", StringComparison.Ordinal))
        {
            var byAccount = open.ToLookup(s => s.AccountId);
            var rows = await connection.QueryAsync<(Guid AccountId, Guid Id, string Type, string Title, string Body, string? Link, DateTime CreatedAt, DateTime? ReadAt)>(
                new CommandDefinition(
                    """
                    SELECT account_id, id, type, title, body, link, created_at, read_at FROM notifications
                    WHERE source_key = @key AND account_id = ANY(@accounts)
                    """,
                    new { key = payload[2..], accounts = byAccount.Select(g => g.Key).ToArray() },
                    cancellationToken: cancellationToken));
            foreach (var row in rows)
            {
                var notification = new Notification(row.Id, row.Type, row.Title, row.Body, row.Link, row.CreatedAt, row.ReadAt);
                foreach (var subscription in byAccount[row.AccountId])
                {
                    subscription.Offer(new StreamEvent("notification", row.Id, notification));
                }
            }
        }
        else if (payload.StartsWith("m:", StringComparison.Ordinal) && Guid.TryParse(payload[2..], out var messageId))
        {
            var message = await connection.QuerySingleOrDefaultAsync<(Guid Id, Guid ConversationId, Guid SenderOrganisationId, Guid? SenderAccountId, string Text, DateTime CreatedAt)>(
                new CommandDefinition(
                    "SELECT id, conversation_id, sender_organisation_id, sender_account_id, text, created_at FROM messages WHERE id = @messageId AND hidden_at IS NULL",
                    new { messageId },
                    cancellationToken: cancellationToken));
            if (message.Id == Guid.Empty)
            {
                return;
            }

            var participants = (await connection.QueryAsync<Guid>(new CommandDefinition(
                "SELECT organisation_id FROM conversation_participants WHERE conversation_id = @ConversationId",
                new { message.ConversationId },
                cancellationToken: cancellationToken))).ToHashSet();
            var data = new Message(message.Id, message.ConversationId, message.SenderOrganisationId, message.SenderAccountId, message.Text, false, null, message.CreatedAt);
            foreach (var subscription in open.Where(s => s.Organisations.Overlaps(participants)))
            {
                subscription.Offer(new StreamEvent("message", message.Id, data));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not deliver stream signal {Payload}: {Reason}")]
    private static partial void LogDeliveryFailed(ILogger logger, string payload, string reason);
}
