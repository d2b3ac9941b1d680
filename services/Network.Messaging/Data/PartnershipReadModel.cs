using Dapper;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>The partnerships matching formed: whom an organisation that takes first contact only from partners hears from.</summary>
public static class PartnershipReadModel
{
    public static Task SaveAsync(Guid partnershipId, Guid first, Guid second, Guid conversationId, DateTimeOffset formedAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnerships (id, first_organisation_id, second_organisation_id, conversation_id, formed_at)
            VALUES (@partnershipId, @first, @second, @conversationId, @formedAt)
            ON CONFLICT (id) DO NOTHING
            """,
            new { partnershipId, first, second, conversationId, formedAt = formedAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));

    public static Task<bool> ArePartnersAsync(NpgsqlConnection connection, Guid a, Guid b, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM partnerships
                           WHERE least(first_organisation_id, second_organisation_id) = least(@a, @b)
                             AND greatest(first_organisation_id, second_organisation_id) = greatest(@a, @b))
            """,
            new { a, b },
            cancellationToken: cancellationToken));
}
