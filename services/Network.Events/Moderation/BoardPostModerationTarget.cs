using System.Security.Claims;
using Dapper;
using Network.Events.Data;
using Network.Events.Domain;
using Network.ServiceDefaults.Moderation;
using Npgsql;

namespace Network.Events.Moderation;

/// <summary>
/// Posts on round-table boards (`contentType: board_post`). Posts appear without review; `hide` and
/// `reject` take one off the board for its participants (the organiser still sees it, with the
/// reason), `restore` puts it back. The owner told of decisions is the event's organiser: anonymous
/// posts have no author to tell, and the organiser runs the board.
/// </summary>
internal sealed class BoardPostModerationTarget : IModerationTarget
{
    private const string Columns = "p.id, p.text, p.event_id, e.organiser_organisation_id, p.hidden_at";

    public string ContentType => "board_post";

    public async Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<PostRow>(new CommandDefinition(
            $"SELECT {Columns} FROM board_posts p JOIN events e ON e.id = p.event_id WHERE p.id = @id FOR UPDATE OF p",
            new { id },
            transaction,
            cancellationToken: cancellationToken));
        return row is null ? null : Describe(row);
    }

    public async Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<PostRow>(new CommandDefinition(
            $"SELECT {Columns} FROM board_posts p JOIN events e ON e.id = p.event_id WHERE p.id = ANY(@ids)",
            new { ids = ids.ToArray() },
            transaction,
            cancellationToken: cancellationToken)))
        .Select(Describe)
        .ToList();

    public Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModeratedContent>>([]);

    /// <summary>Those who may read the board: its organiser and the event's confirmed participants.</summary>
    public async Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var eventId = await transaction.Connection!.ExecuteScalarAsync<Guid>(new CommandDefinition(
            "SELECT event_id FROM board_posts WHERE id = @Id", new { content.Id }, transaction, cancellationToken: cancellationToken));
        var @event = await EventStore.LoadAsync(eventId, transaction, lockRow: false, cancellationToken);
        var viewer = await EventViewers.OfAsync(reader, transaction, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return false;
        }

        // Inside the moderation transaction, on its connection: no second connection from the pool.
        return EventAccess.CanOrganise(viewer, @event)
            || (viewer.AccountId is { } accountId && await transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = @eventId AND account_id = @accountId AND status = 'confirmed')",
                new { eventId, accountId },
                transaction,
                cancellationToken: cancellationToken)));
    }

    public async Task ApplyAsync(ModeratedContent content, ModerationDecision decision, string reason, DateTime decidedAt, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var change = decision switch
        {
            ModerationDecision.Hide or ModerationDecision.Reject => "hidden_at = @decidedAt, hidden_reason = @reason",
            ModerationDecision.Restore => "hidden_at = NULL, hidden_reason = NULL",
            _ => null,
        };
        if (change is null)
        {
            return;
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE board_posts SET {change} WHERE id = @Id", new { content.Id, decidedAt, reason }, transaction, cancellationToken: cancellationToken));
    }

    private static ModeratedContent Describe(PostRow row) => new(
        row.Id,
        row.Text.Length > 80 ? row.Text[..80] + "…" : row.Text,
        row.HiddenAt is null ? ModerationState.Visible : ModerationState.Hidden,
        row.OrganiserOrganisationId,
        null);

    private sealed class PostRow
    {
        public Guid Id { get; init; }

        public string Text { get; init; } = "";

        public Guid EventId { get; init; }

        public Guid OrganiserOrganisationId { get; init; }

        public DateTime? HiddenAt { get; init; }
    }
}
