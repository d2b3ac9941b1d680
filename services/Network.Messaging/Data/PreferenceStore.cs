using Dapper;
using Network.Messaging.Domain;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>How each person chose to hear of each type of notification; types they left alone follow the defaults.</summary>
public sealed class PreferenceStore(NpgsqlDataSource dataSource)
{
    /// <summary>The delivery of every type for the account: its choice where it made one, else the default.</summary>
    public async Task<IReadOnlyDictionary<NotificationType, Delivery>> ReadAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var chosen = (await connection.QueryAsync<(string Type, string Delivery)>(new CommandDefinition(
            "SELECT type, delivery FROM notification_preferences WHERE account_id = @accountId", new { accountId }, cancellationToken: cancellationToken)))
            .Where(row => EnumCodes.TryParse<NotificationType>(row.Type, out _))
            .ToDictionary(row => EnumCodes.Parse<NotificationType>(row.Type), row => EnumCodes.Parse<Delivery>(row.Delivery));
        return Enum.GetValues<NotificationType>().ToDictionary(type => type, type => chosen.GetValueOrDefault(type, NotificationDefaults.For(type)));
    }

    /// <summary>Stores the choices given; the other types stay as they were.</summary>
    public async Task SaveAsync(Guid accountId, IReadOnlyDictionary<NotificationType, Delivery> choices, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notification_preferences (account_id, type, delivery)
            SELECT @accountId, type, delivery FROM unnest(@types, @deliveries) AS chosen (type, delivery)
            ON CONFLICT (account_id, type) DO UPDATE SET delivery = excluded.delivery, updated_at = now()
            """,
            new
            {
                accountId,
                types = choices.Keys.Select(EnumCodes.Of).ToArray(),
                deliveries = choices.Values.Select(EnumCodes.Of).ToArray(),
            },
            cancellationToken: cancellationToken));
    }
}
