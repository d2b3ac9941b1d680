using Dapper;
using MassTransit;
using Npgsql;

namespace Network.ServiceDefaults.Messaging;

/// <summary>
/// A consumer that handles each message once, however often the broker delivers it: the message
/// id goes into the inbox in the same transaction as the consumer's own changes (and any events it
/// writes to the outbox). A second delivery finds the row and does nothing; a crash before commit
/// leaves nothing behind, so the redelivery does the work.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} arrived without a message id; it cannot be handled idempotently.");
        var cancellationToken = context.CancellationToken;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var firstDelivery = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO inbox_messages (message_id, consumer) VALUES (@messageId, @consumer) ON CONFLICT DO NOTHING",
            new { messageId, consumer = GetType().Name },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (!firstDelivery)
        {
            return;
        }

        await HandleAsync(context.Message, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Does the consumer's work inside <paramref name="transaction"/>; the base commits it.</summary>
    protected abstract Task HandleAsync(TMessage message, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
