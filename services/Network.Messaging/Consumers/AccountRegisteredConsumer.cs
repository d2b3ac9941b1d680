using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Records the new account and greets its owner, once per account however often the event is delivered.</summary>
public sealed class AccountRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<AccountRegistered>(dataSource)
{
    protected override async Task HandleAsync(AccountRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await DirectoryReadModel.SaveAccountAsync(message, transaction, cancellationToken);
        var (titleDe, bodyDe) = NotificationTexts.Welcome("de", message.DisplayName);
        var (titleEn, bodyEn) = NotificationTexts.Welcome("en", message.DisplayName);
        await NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.Welcome, $"welcome:{message.AccountId}", new NotificationText(titleDe, bodyDe, titleEn, bodyEn), WebPages.NewOrganisation),
            [message.AccountId],
            transaction,
            cancellationToken);
    }
}
