using System.Security.Claims;
using Dapper;
using Network.Events.Data;
using Network.Events.Domain;
using Network.ServiceDefaults.Moderation;
using Npgsql;

namespace Network.Events.Moderation;

/// <summary>
/// Events as content coordinators moderate (`contentType: event`). Events are published without
/// review, so none is held. `hide` (and `reject`, for good) takes the event out of the list, the
/// calendar and its page for everyone but its organiser, who sees the reason; `restore` brings it
/// back; `approve` dismisses the reports. The owner told of decisions is the organiser.
/// </summary>
internal sealed class EventModerationTarget : IModerationTarget
{
    public string ContentType => "event";

    public async Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<(Guid Id, string Title, Guid OrganiserOrganisationId, DateTime? HiddenAt)>(new CommandDefinition(
            "SELECT id, title, organiser_organisation_id, hidden_at FROM events WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        return row.Id == Guid.Empty ? null : Describe(row);
    }

    public async Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<(Guid Id, string Title, Guid OrganiserOrganisationId, DateTime? HiddenAt)>(new CommandDefinition(
            "SELECT id, title, organiser_organisation_id, hidden_at FROM events WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken)))
        .Select(Describe)
        .ToList();

    public Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModeratedContent>>([]);

    public async Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var @event = await EventStore.LoadAsync(content.Id, transaction, lockRow: false, cancellationToken);
        return @event is not null && EventAccess.CanSee(await EventViewers.OfAsync(reader, transaction, cancellationToken), @event);
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

        // A new version: what the organiser reads about the event changed, so the ETag must too.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE events SET {change}, version = version + 1, updated_at = @decidedAt WHERE id = @Id",
            new { content.Id, decidedAt, reason },
            transaction,
            cancellationToken: cancellationToken));
    }

    private static ModeratedContent Describe((Guid Id, string Title, Guid OrganiserOrganisationId, DateTime? HiddenAt) row) =>
        new(row.Id, row.Title, row.HiddenAt is null ? ModerationState.Visible : ModerationState.Hidden, row.OrganiserOrganisationId, null);
}
