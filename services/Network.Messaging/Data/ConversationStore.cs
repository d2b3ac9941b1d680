using Dapper;
using Network.Messaging.Domain;
using Network.Messaging.Realtime;
using Npgsql;

namespace Network.Messaging.Data;

public sealed record Participant(Guid OrganisationId, string Name);

/// <summary>How many messages of the others an organisation has not read yet.</summary>
public sealed record UnreadCount(Guid OrganisationId, int Unread);

public sealed record Conversation(
    Guid Id, string Subject, Guid? PartnershipId, IReadOnlyList<Participant> Participants, IReadOnlyList<UnreadCount> Unread, DateTime CreatedAt, DateTime LastMessageAt);

/// <summary>A message as participants see it; a message hidden by moderation keeps its place but not its text.</summary>
public sealed record Message(Guid Id, Guid ConversationId, Guid SenderOrganisationId, Guid? SenderAccountId, string? Text, bool Hidden, string? HiddenReason, DateTime CreatedAt);

/// <summary>Conversations between organisations, their messages, and what each organisation has read.</summary>
public sealed class ConversationStore(NpgsqlDataSource dataSource)
{
    /// <summary>The conversations of <paramref name="organisations"/>, most recently active first, with the unread counts of those organisations.</summary>
    public async Task<IReadOnlyList<Conversation>> PageAsync(IReadOnlyCollection<Guid> organisations, int limit, (DateTime At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var ids = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT c.id FROM conversations c
            WHERE EXISTS (SELECT 1 FROM conversation_participants p WHERE p.conversation_id = c.id AND p.organisation_id = ANY(@organisations))
              AND (@afterAt::timestamptz IS NULL OR (c.last_message_at, c.id) < (@afterAt, @afterId))
            ORDER BY c.last_message_at DESC, c.id DESC
            LIMIT @limit
            """,
            new { organisations = organisations.ToArray(), limit, afterAt = after?.At, afterId = after?.Id ?? Guid.Empty },
            cancellationToken: cancellationToken))).ToList();
        return await DescribeAsync(connection, ids, organisations, cancellationToken);
    }

    /// <summary>The conversation with the unread counts of <paramref name="readers"/>, or null when there is none.</summary>
    public async Task<Conversation?> FindAsync(Guid id, IReadOnlyCollection<Guid> readers, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await DescribeAsync(connection, [id], readers, cancellationToken)).SingleOrDefault();
    }

    /// <summary>The organisations taking part in the conversation; empty when there is no such conversation.</summary>
    public async Task<IReadOnlyList<Guid>> ParticipantsAsync(Guid conversationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT organisation_id FROM conversation_participants WHERE conversation_id = @conversationId",
            new { conversationId }, cancellationToken: cancellationToken))).ToList();
    }

    /// <summary>
    /// Opens a conversation with its first message. The members of the organisation written to are
    /// notified; the writing organisation has read its own message.
    /// </summary>
    public async Task<(Conversation Conversation, Message Message)> StartAsync(
        Guid from, Guid to, string subject, string text, Guid senderAccountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var conversationId = Guid.CreateVersion7();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO conversations (id, subject, started_by_organisation_id, created_at, last_message_at)
            VALUES (@conversationId, @subject, @from, now(), now());
            INSERT INTO conversation_participants (conversation_id, organisation_id) VALUES (@conversationId, @from), (@conversationId, @to);
            """,
            new { conversationId, subject, from, to },
            transaction,
            cancellationToken: cancellationToken));
        var message = await AddMessageAsync(conversationId, subject, from, senderAccountId, text, isFirst: true, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return ((await DescribeAsync(connection, [conversationId], [from], cancellationToken)).Single(), message);
    }

    /// <summary>Adds a message to a conversation; the other participants' members are notified.</summary>
    public async Task<Message> PostAsync(Guid conversationId, Guid from, Guid senderAccountId, string text, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var subject = await connection.QuerySingleAsync<string>(new CommandDefinition(
            "SELECT subject FROM conversations WHERE id = @conversationId FOR UPDATE", new { conversationId }, transaction, cancellationToken: cancellationToken));
        var message = await AddMessageAsync(conversationId, subject, from, senderAccountId, text, isFirst: false, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return message;
    }

    /// <summary>Everything in the conversation up to now counts as read for the organisation.</summary>
    public async Task MarkReadAsync(Guid conversationId, Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversation_participants SET read_up_to = greatest(read_up_to, now())
            WHERE conversation_id = @conversationId AND organisation_id = @organisationId
            """,
            new { conversationId, organisationId },
            cancellationToken: cancellationToken));
    }

    /// <summary>One page of the conversation's messages, newest first.</summary>
    public async Task<IReadOnlyList<Message>> MessagesAsync(Guid conversationId, int limit, (DateTime At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<MessageRow>(new CommandDefinition(
            $"""
            SELECT {MessageRow.Columns} FROM messages
            WHERE conversation_id = @conversationId
              AND (@afterAt::timestamptz IS NULL OR (created_at, id) < (@afterAt, @afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """,
            new { conversationId, limit, afterAt = after?.At, afterId = after?.Id ?? Guid.Empty },
            cancellationToken: cancellationToken));
        return rows.Select(row => row.ToMessage()).ToList();
    }

    /// <summary>
    /// The conversation a partnership opens, once however often PartnershipFormed arrives: the
    /// partnership id is unique among conversations. Returns its id and whether it was opened now.
    /// </summary>
    public static async Task<(Guid Id, bool Opened)> OpenForPartnershipAsync(
        Guid partnershipId, Guid first, Guid second, string subject, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var opened = await connection.ExecuteScalarAsync<Guid?>(new CommandDefinition(
            """
            INSERT INTO conversations (id, subject, partnership_id, created_at, last_message_at)
            VALUES (@id, @subject, @partnershipId, now(), now())
            ON CONFLICT (partnership_id) DO NOTHING
            RETURNING id
            """,
            new { id = Guid.CreateVersion7(), subject, partnershipId },
            transaction,
            cancellationToken: cancellationToken));
        if (opened is { } id)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO conversation_participants (conversation_id, organisation_id) SELECT @id, unnest(@organisations) ON CONFLICT DO NOTHING",
                new { id, organisations = new[] { first, second }.Distinct().ToArray() },
                transaction,
                cancellationToken: cancellationToken));
            return (id, true);
        }

        return (await connection.QuerySingleAsync<Guid>(new CommandDefinition(
            "SELECT id FROM conversations WHERE partnership_id = @partnershipId", new { partnershipId }, transaction, cancellationToken: cancellationToken)), false);
    }

    private static async Task<Message> AddMessageAsync(
        Guid conversationId, string subject, Guid from, Guid senderAccountId, string text, bool isFirst, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var row = await connection.QuerySingleAsync<MessageRow>(new CommandDefinition(
            $"""
            INSERT INTO messages (id, conversation_id, sender_organisation_id, sender_account_id, text, created_at)
            VALUES (@id, @conversationId, @from, @senderAccountId, @text, clock_timestamp())
            RETURNING {MessageRow.Columns}
            """,
            new { id = Guid.CreateVersion7(), conversationId, from, senderAccountId, text },
            transaction,
            cancellationToken: cancellationToken));
        // The writing organisation has read what it wrote, and what came before it.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE conversations SET last_message_at = @CreatedAt WHERE id = @ConversationId;
            UPDATE conversation_participants SET read_up_to = greatest(read_up_to, @CreatedAt)
            WHERE conversation_id = @ConversationId AND organisation_id = @SenderOrganisationId;
            """,
            row,
            transaction,
            cancellationToken: cancellationToken));

        var others = (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT organisation_id FROM conversation_participants WHERE conversation_id = @conversationId AND organisation_id <> @from",
            new { conversationId, from },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        var senderName = await DirectoryReadModel.NameAsync(from, transaction, cancellationToken);
        var draft = new NotificationDraft(
            isFirst ? NotificationType.ConversationStarted : NotificationType.MessageReceived,
            $"message:{row.Id}",
            isFirst ? NotificationTexts.ConversationStarted(senderName, subject) : NotificationTexts.MessageReceived(senderName, subject, text),
            WebPages.Conversation(conversationId));
        await NotificationWriter.ToMembersAsync(draft, others, transaction, cancellationToken, except: senderAccountId);
        await DatabaseSignals.NotifyAsync(transaction, DatabaseSignals.Stream, $"m:{row.Id}", cancellationToken);
        return row.ToMessage();
    }

    private static async Task<IReadOnlyList<Conversation>> DescribeAsync(
        NpgsqlConnection connection, IReadOnlyList<Guid> ids, IReadOnlyCollection<Guid> readers, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        var conversations = (await connection.QueryAsync<(Guid Id, string Subject, Guid? PartnershipId, DateTime CreatedAt, DateTime LastMessageAt)>(new CommandDefinition(
            "SELECT id, subject, partnership_id, created_at, last_message_at FROM conversations WHERE id = ANY(@ids)",
            new { ids = ids.ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(row => row.Id);
        var participants = (await connection.QueryAsync<(Guid ConversationId, Guid OrganisationId, string? Name, int Unread)>(new CommandDefinition(
            """
            SELECT p.conversation_id, p.organisation_id, o.name,
                   (SELECT count(*)::int FROM messages m
                    WHERE m.conversation_id = p.conversation_id AND m.sender_organisation_id <> p.organisation_id
                      AND m.created_at > p.read_up_to AND m.hidden_at IS NULL) AS unread
            FROM conversation_participants p
            LEFT JOIN organisations o ON o.id = p.organisation_id
            WHERE p.conversation_id = ANY(@ids)
            ORDER BY p.organisation_id
            """,
            new { ids = ids.ToArray() },
            cancellationToken: cancellationToken))).ToLookup(row => row.ConversationId);
        return ids
            .Where(conversations.ContainsKey)
            .Select(id =>
            {
                var row = conversations[id];
                var of = participants[id].ToList();
                return new Conversation(
                    row.Id,
                    row.Subject,
                    row.PartnershipId,
                    of.Select(p => new Participant(p.OrganisationId, p.Name ?? string.Empty)).ToList(),
                    of.Where(p => readers.Contains(p.OrganisationId)).Select(p => new UnreadCount(p.OrganisationId, p.Unread)).ToList(),
                    row.CreatedAt,
                    row.LastMessageAt);
            })
            .ToList();
    }

    private sealed record MessageRow(Guid Id, Guid ConversationId, Guid SenderOrganisationId, Guid? SenderAccountId, string Text, DateTime CreatedAt, DateTime? HiddenAt, string? HiddenReason)
    {
        public const string Columns = "id, conversation_id, sender_organisation_id, sender_account_id, text, created_at, hidden_at, hidden_reason";

        public Message ToMessage() => new(
            Id, ConversationId, SenderOrganisationId, SenderAccountId, HiddenAt is null ? Text : null, HiddenAt is not null, HiddenReason, CreatedAt);
    }
}
