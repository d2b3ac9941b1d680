using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Network.Contracts;
using Npgsql;

namespace Network.ServiceDefaults.Messaging;

/// <summary>
/// Writes an integration event into the outbox inside the caller's transaction, so the event exists
/// if and only if the change that caused it was committed. The trace context of the current
/// activity goes with it, so the relayed message continues the same trace.
/// </summary>
public static class Outbox
{
    /// <summary>The channel the dispatcher listens on; the notification is delivered at commit.</summary>
    public const string Channel = "network_outbox";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Guid> EnqueueAsync<TEvent>(NpgsqlTransaction transaction, TEvent message, CancellationToken cancellationToken = default)
        where TEvent : class, IIntegrationEvent
    {
        // Ascending in PostgreSQL's uuid order (NextGuid is not), so the relay's ORDER BY created_at, id
        // keeps the events of one transaction, which share created_at, in the order they were written.
        var id = NewId.NextSequentialGuid();
        var activity = Activity.Current;
        var command = new CommandDefinition(
            $"""
            INSERT INTO outbox_messages (id, message_type, body, trace_parent, trace_state)
            VALUES (@id, @type, @body::jsonb, @traceParent, @traceState);
            SELECT pg_notify('{Channel}', '');
            """,
            new
            {
                id,
                type = ContractTypes.NameOf(typeof(TEvent)),
                body = JsonSerializer.Serialize(message, Json),
                traceParent = activity?.IdFormat == ActivityIdFormat.W3C ? activity.Id : null,
                traceState = activity?.TraceStateString,
            },
            transaction,
            cancellationToken: cancellationToken);
        await transaction.Connection!.ExecuteAsync(command);
        return id;
    }

    /// <summary>
    /// Deletes the sent events that mention the account: they may carry its name or address, and
    /// the outbox keeps sent rows for a week. Unsent ones stay, because others still need them.
    /// </summary>
    public static async Task ForgetAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken = default) =>
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE sent_at IS NOT NULL AND strpos(body::text, @id) > 0",
            new { id = accountId.ToString() },
            transaction,
            cancellationToken: cancellationToken));
}
