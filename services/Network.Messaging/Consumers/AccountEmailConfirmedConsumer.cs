using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>From now on the account's address may be mailed.</summary>
public sealed class AccountEmailConfirmedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<AccountEmailConfirmed>(dataSource)
{
    protected override Task HandleAsync(AccountEmailConfirmed message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        DirectoryReadModel.ConfirmEmailAsync(message, transaction, cancellationToken);
}
