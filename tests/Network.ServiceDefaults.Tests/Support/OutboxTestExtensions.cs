using Dapper;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Support;

internal static class OutboxTestExtensions
{
    /// <summary>Writes <paramref name="count"/> events in one committed transaction; keyed by outbox id.</summary>
    public static async Task<IReadOnlyDictionary<Guid, AccountRegistered>> EnqueueAccountsAsync(this NpgsqlDataSource dataSource, int count)
    {
        var enqueued = new Dictionary<Guid, AccountRegistered>(count);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        for (var number = 1; number <= count; number++)
        {
            var message = TestEvents.AccountRegistered(number);
            enqueued.Add(await Outbox.EnqueueAsync(transaction, message), message);
        }

        await transaction.CommitAsync();
        return enqueued;
    }

    /// <summary>Relays batch after batch until a round claims nothing; returns what each round claimed.</summary>
    public static async Task<IReadOnlyList<int>> RelayUntilNothingIsClaimedAsync(this OutboxRelay relay)
    {
        var rounds = new List<int>();
        int claimed;
        do
        {
            claimed = await relay.RelayBatchAsync(CancellationToken.None);
            rounds.Add(claimed);
        }
        while (claimed > 0);

        return rounds;
    }

    public static async Task<IReadOnlyList<OutboxRow>> OutboxRowsAsync(this NpgsqlDataSource dataSource, IEnumerable<Guid> ids)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<OutboxRow>(
            """
            SELECT id AS Id, message_type AS MessageType, body::text AS Body, trace_parent AS TraceParent,
                   trace_state AS TraceState, attempts AS Attempts, last_error AS LastError,
                   next_attempt_at > clock_timestamp() AS IsDeferred, sent_at AS SentAt
            FROM outbox_messages
            WHERE id = ANY(@ids)
            ORDER BY created_at, id
            """,
            new { ids = ids.ToArray() });
        return rows.ToList();
    }
}

internal sealed record OutboxRow(
    Guid Id,
    string MessageType,
    string Body,
    string? TraceParent,
    string? TraceState,
    int Attempts,
    string? LastError,
    bool IsDeferred,
    DateTime? SentAt);
