using System.Security.Claims;
using Dapper;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.Messaging.Moderation;

/// <summary>
/// Messages in conversations as content coordinators moderate (`contentType: message`). Messages are
/// sent without review, so none is ever held. Only the participants see a message, so only they can
/// report it. What each decision means:
/// <list type="bullet">
/// <item><b>approve</b>: the message is fine; its open reports are dismissed.</item>
/// <item><b>hide</b>: the participants see that there was a message and why it is hidden, not its text.</item>
/// <item><b>restore</b>: its text is shown again.</item>
/// <item><b>reject</b>: hidden for good.</item>
/// </list>
/// The owner told of each decision is the organisation that sent it.
/// </summary>
internal sealed class MessageModerationTarget : IModerationTarget
{
    private const string Columns = "id, sender_organisation_id, text, hidden_at";

    public string ContentType => "message";

    public async Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM messages WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        return row is null ? null : Describe(row);
    }

    public async Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM messages WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken)))
        .Select(Describe)
        .ToList();

    public Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModeratedContent>>([]);

    public Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM messages m JOIN conversation_participants p ON p.conversation_id = m.conversation_id
                           WHERE m.id = @Id AND p.organisation_id = ANY(@organisations))
            """,
            new { content.Id, organisations = reader.Memberships().Keys.ToArray() },
            transaction,
            cancellationToken: cancellationToken));

    public async Task ApplyAsync(
        ModeratedContent content, ModerationDecision decision, string reason, DateTime decidedAt, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var sql = decision switch
        {
            ModerationDecision.Hide or ModerationDecision.Reject => "hidden_at = @decidedAt, hidden_reason = @reason",
            ModerationDecision.Restore => "hidden_at = NULL, hidden_reason = NULL",
            _ => null,
        };
        if (sql is null)
        {
            return;
        }

        var text = await transaction.Connection!.QuerySingleAsync<string>(new CommandDefinition(
            $"UPDATE messages SET {sql} WHERE id = @Id RETURNING text", new { content.Id, decidedAt, reason }, transaction, cancellationToken: cancellationToken));
        await HideFromNotificationsAsync(content.Id, decision == ModerationDecision.Restore ? text : null, transaction, cancellationToken);
    }

    /// <summary>
    /// A reply's notification quotes the start of it (<see cref="NotificationTexts.MessageReceived"/>).
    /// Hiding the message hides that quote as well: in the recipients' inboxes, on their live streams
    /// and in mails and digests still to be sent; restoring it quotes it again.
    /// </summary>
    private static Task HideFromNotificationsAsync(Guid messageId, string? restoredText, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE notifications n
            SET body = CASE WHEN @excerpt::text IS NOT NULL THEN @excerpt WHEN a.locale ILIKE 'en%' THEN @hiddenEn ELSE @hiddenDe END
            FROM accounts a
            WHERE a.id = n.account_id AND n.source_key = @sourceKey AND n.type = @type
            """,
            new
            {
                sourceKey = $"message:{messageId}",
                type = EnumCodes.Of(NotificationType.MessageReceived),
                excerpt = restoredText is null ? null : NotificationTexts.Excerpt(restoredText),
                hiddenDe = NotificationTexts.HiddenMessageDe,
                hiddenEn = NotificationTexts.HiddenMessageEn,
            },
            transaction,
            cancellationToken: cancellationToken));

    private static ModeratedContent Describe(Row row) =>
        new(row.Id, NotificationTexts.Excerpt(row.Text, 80), row.HiddenAt is null ? ModerationState.Visible : ModerationState.Hidden, row.SenderOrganisationId, null);

    private sealed record Row(Guid Id, Guid SenderOrganisationId, string Text, DateTime? HiddenAt);
}
