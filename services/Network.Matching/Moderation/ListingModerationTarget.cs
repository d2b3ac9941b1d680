using System.Security.Claims;
using Dapper;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Moderation;
using Npgsql;

namespace Network.Matching.Moderation;

/// <summary>
/// Listings as content coordinators moderate (`contentType: listing`). Listings are published
/// without review, so none is ever held for moderation (holding for an unverified organisation is
/// the directory's verification, not moderation). What each decision means:
/// <list type="bullet">
/// <item><b>approve</b>: the listing is fine as it stands; its open reports are dismissed.</item>
/// <item><b>hide</b>: out of search and suggestions (`hidden_at`, `hidden_reason`; its open suggestions close); its
/// organisation's members still see it, with the reason, so they can correct it.</item>
/// <item><b>restore</b>: hidden no more.</item>
/// <item><b>reject</b>: hidden for good; the rejection in the audit log keeps any later decision from restoring it.</item>
/// </list>
/// The owner told of each decision is the listing's organisation.
/// </summary>
internal sealed class ListingModerationTarget(SuggestionStore suggestions, TimeProvider time) : IModerationTarget
{
    private const string Columns = "id, organisation_id, title, hidden_at";

    public string ContentType => "listing";

    public async Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // The moderation transaction locks the listing here first; a decision may refresh its
        // suggestions, so matching's write lock must come before (SuggestionStore.LockForWritingAsync).
        await SuggestionStore.LockForWritingAsync(transaction, cancellationToken);
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<(Guid Id, Guid OrganisationId, string Title, DateTime? HiddenAt)>(
            new CommandDefinition($"SELECT {Columns} FROM listings WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        return row.Id == Guid.Empty ? null : Describe(row);
    }

    public async Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<(Guid Id, Guid OrganisationId, string Title, DateTime? HiddenAt)>(
            new CommandDefinition($"SELECT {Columns} FROM listings WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
        return rows.Select(Describe).ToList();
    }

    public Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModeratedContent>>([]);

    public async Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingRow.Columns} FROM {ListingRow.From()} WHERE l.id = @Id", new { content.Id }, transaction, cancellationToken: cancellationToken));
        return ListingAccess.CanSee(ListingViewer.Of(reader), row.ToListing(), time.GetUtcNow());
    }

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

        // A new version: what members read about the listing changed, so their ETags must too.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE listings SET {sql}, version = version + 1, updated_at = @decidedAt WHERE id = @Id",
            new { content.Id, decidedAt, reason },
            transaction,
            cancellationToken: cancellationToken));
        // Hidden listings are not suggested: their open suggestions close, and open again when restored.
        await suggestions.RefreshAsync(content.Id, transaction, cancellationToken);
    }

    private static ModeratedContent Describe((Guid Id, Guid OrganisationId, string Title, DateTime? HiddenAt) row) =>
        new(row.Id, row.Title, row.HiddenAt is null ? ModerationState.Visible : ModerationState.Hidden, row.OrganisationId, null);
}
