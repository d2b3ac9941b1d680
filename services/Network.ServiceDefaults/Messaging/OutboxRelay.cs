using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Network.ServiceDefaults.Messaging;

/// <summary>
/// Relays one batch of unsent outbox rows to the broker. Rows are claimed with
/// `FOR UPDATE SKIP LOCKED`, so several instances share the work without sending a row twice at
/// the same time; a row is marked sent only after the broker confirmed it (publisher confirms).
/// If the broker is away, the row is tried again later with a growing pause. Order is kept while
/// publishing works; across a failure it is best effort (the rows after a failed one may go out
/// before it), which consumers tolerate because every event carries its OccurredAt.
/// A crash between the broker's confirmation and our commit sends a row twice: consumers'
/// inboxes recognise it, because the message id is the outbox id.
/// </summary>
public sealed partial class OutboxRelay(NpgsqlDataSource dataSource, IBus bus, ServiceIdentity identity, ILogger<OutboxRelay> logger)
{
    public const int BatchSize = 100;

    private static readonly TimeSpan PublishTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestPause = TimeSpan.FromSeconds(30);

    /// <returns>How many rows were claimed (sent or not); a full batch means there may be more.</returns>
    public async Task<int> RelayBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id AS Id, message_type AS MessageType, body::text AS Body, trace_parent AS TraceParent,
                   trace_state AS TraceState, attempts AS Attempts
            FROM outbox_messages
            WHERE sent_at IS NULL AND next_attempt_at <= now()
            ORDER BY created_at, id
            LIMIT @BatchSize
            FOR UPDATE SKIP LOCKED
            """,
            new { BatchSize },
            transaction,
            cancellationToken: cancellationToken))).ToList();

        // Once the broker has confirmed a row, recording that is not cancelled: a stop in between
        // would leave the row unmarked, and the next instance would send it again.
        var sent = new List<Guid>(rows.Count);
        foreach (var row in rows)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // Stopping: the rows not published yet stay for the next round or instance.
                break;
            }

            try
            {
                await PublishAsync(row);
                sent.Add(row.Id);
            }
            catch (Exception exception)
            {
                // Stop this round: the broker is most likely away, and the rows after this one would fail too.
                // The pause counts from the failure, not from now() (the start of this transaction):
                // the failed publish alone may have taken longer than the pause.
                var pause = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, row.Attempts), LongestPause.TotalSeconds));
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE outbox_messages
                    SET attempts = attempts + 1, last_error = @error, next_attempt_at = clock_timestamp() + @pause
                    WHERE id = @Id
                    """,
                    new { row.Id, error = exception.Message, pause },
                    transaction));
                LogPublishFailed(logger, row.Id, row.MessageType, row.Attempts + 1, exception.Message);
                break;
            }
        }

        if (sent.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET sent_at = now(), last_error = NULL WHERE id = ANY(@sent)",
                new { sent },
                transaction));
        }

        await transaction.CommitAsync(CancellationToken.None);
        return rows.Count;
    }

    /// <summary>Removes rows sent more than a week ago; the table keeps a week for inspection.</summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("DELETE FROM outbox_messages WHERE sent_at < now() - interval '7 days'");
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task PublishAsync(OutboxRow row)
    {
        var messageType = ContractTypes.Resolve(row.MessageType);
        var message = JsonSerializer.Deserialize(row.Body, messageType, Outbox.Json)!;

        ActivityContext.TryParse(row.TraceParent, row.TraceState, out var parent);
        using var activity = identity.ActivitySource.StartActivity("outbox relay " + messageType.Name, ActivityKind.Internal, parent);
        activity?.SetTag("messaging.message.id", row.Id.ToString());

        using var timeout = new CancellationTokenSource(PublishTimeout);
        await bus.Publish(message, messageType, context => context.MessageId = row.Id, timeout.Token);
    }

    private sealed record OutboxRow(Guid Id, string MessageType, string Body, string? TraceParent, string? TraceState, int Attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox message {MessageId} ({MessageType}) not published, attempt {Attempt}: {Reason}")]
    private static partial void LogPublishFailed(ILogger logger, Guid messageId, string messageType, int attempt, string reason);
}
