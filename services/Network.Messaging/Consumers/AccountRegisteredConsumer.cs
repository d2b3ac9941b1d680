using Dapper;
using MassTransit;
using Network.Contracts.Directory;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Records the new account and greets its owner, once per event however often it is delivered.</summary>
public sealed class AccountRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<AccountRegistered>(dataSource)
{
    protected override async Task HandleAsync(AccountRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO accounts (id, display_name, email, locale) VALUES (@AccountId, @DisplayName, @Email, @Locale)
            ON CONFLICT (id) DO UPDATE SET display_name = excluded.display_name, email = excluded.email,
                                           locale = excluded.locale, updated_at = now()
            """,
            message, transaction, cancellationToken: cancellationToken));

        var (title, body) = NotificationTexts.Welcome(message.Locale, message.DisplayName);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notifications (id, account_id, type, title, body, link)
            VALUES (@id, @AccountId, @type, @title, @body, '/organisations/new')
            """,
            new { id = NewId.NextGuid(), message.AccountId, type = NotificationTexts.WelcomeType, title, body },
            transaction, cancellationToken: cancellationToken));
    }
}
