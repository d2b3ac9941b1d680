using Dapper;
using Network.Messaging.Domain;
using Network.Messaging.Realtime;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>
/// One notification to write: its type, its words in both languages, where it leads, and the key of
/// its cause. The key makes it once per person: the same key for the same person is written once,
/// whether the event was delivered twice or reached the person through two organisations.
/// </summary>
public sealed record NotificationDraft(NotificationType Type, string SourceKey, NotificationText Text, string? Link);

/// <summary>
/// Writes notifications inside the caller's transaction, each recipient in their language and with
/// the delivery they chose for the type (or its default), skipping those who turned it off and
/// those the directory has not told us about (we could not address them). It signals the live stream
/// and, when something is to be mailed at once, the mailer; both hear of it at commit.
/// </summary>
public static class NotificationWriter
{
    /// <summary>To the given people.</summary>
    public static Task<int> ToAccountsAsync(NotificationDraft draft, IReadOnlyCollection<Guid> accountIds, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        WriteAsync(draft, "SELECT DISTINCT unnest(@accountIds) AS account_id", new { accountIds = accountIds.ToArray() }, transaction, cancellationToken);

    /// <summary>To every current member of the given organisations, but <paramref name="except"/> (who caused it).</summary>
    public static Task<int> ToMembersAsync(
        NotificationDraft draft, IReadOnlyCollection<Guid> organisationIds, NpgsqlTransaction transaction, CancellationToken cancellationToken, Guid? except = null) =>
        WriteAsync(
            draft,
            "SELECT DISTINCT account_id FROM memberships WHERE organisation_id = ANY(@organisationIds) AND active AND account_id <> @except",
            new { organisationIds = organisationIds.ToArray(), except = except ?? Guid.Empty },
            transaction,
            cancellationToken);

    private static async Task<int> WriteAsync(NotificationDraft draft, string recipientsSql, object recipients, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(recipients);
        parameters.AddDynamicParams(new
        {
            draft.SourceKey,
            type = EnumCodes.Of(draft.Type),
            defaultDelivery = EnumCodes.Of(NotificationDefaults.For(draft.Type)),
            draft.Text.TitleDe,
            draft.Text.BodyDe,
            draft.Text.TitleEn,
            draft.Text.BodyEn,
            draft.Link,
        });
        // The locale test is Locales.IsEnglish's, in SQL: each row takes its words without a round trip per person.
        var deliveries = (await transaction.Connection!.QueryAsync<string>(new CommandDefinition(
            $"""
            WITH recipients AS ({recipientsSql})
            INSERT INTO notifications (id, account_id, source_key, type, title, body, link, delivery)
            SELECT gen_random_uuid(), a.id, @SourceKey, @type,
                   CASE WHEN a.locale ILIKE 'en%' THEN @TitleEn ELSE @TitleDe END,
                   CASE WHEN a.locale ILIKE 'en%' THEN @BodyEn ELSE @BodyDe END,
                   @Link, coalesce(p.delivery, @defaultDelivery)
            FROM recipients r
            JOIN accounts a ON a.id = r.account_id
            LEFT JOIN notification_preferences p ON p.account_id = a.id AND p.type = @type
            WHERE coalesce(p.delivery, @defaultDelivery) <> 'off'
            ON CONFLICT (account_id, source_key) DO NOTHING
            RETURNING delivery
            """,
            parameters,
            transaction,
            cancellationToken: cancellationToken))).ToList();

        if (deliveries.Count > 0)
        {
            await DatabaseSignals.NotifyAsync(transaction, DatabaseSignals.Stream, "n:" + draft.SourceKey, cancellationToken);
        }

        if (deliveries.Contains(EnumCodes.Of(Delivery.Email)))
        {
            await DatabaseSignals.NotifyAsync(transaction, DatabaseSignals.Mail, string.Empty, cancellationToken);
        }

        return deliveries.Count;
    }
}
