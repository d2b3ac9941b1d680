using System.Security.Claims;
using Dapper;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.ServiceDefaults.Moderation;
using Npgsql;

namespace Network.Directory.Moderation;

/// <summary>
/// Organisation profiles as content coordinators moderate (`contentType: organisation`). What each
/// decision means for a profile:
/// <list type="bullet">
/// <item><b>held</b>: a pending organisation that is not hidden, waiting in the queue since its
/// last change. Moderation does not verify: verification has its own endpoint
/// (`POST /organisations/{id}/verification`), and a pending organisation stays in the queue until
/// it is verified or rejected there.</item>
/// <item><b>approve</b>: the profile's content is fine as it stands. Its open reports are
/// dismissed; the organisation itself (status, visibility) does not change.</item>
/// <item><b>hide</b>: out of the public directory (`hidden_at`, `hidden_reason`), whatever its
/// status; its members and coordinators still see it, with the reason, so they can correct it.</item>
/// <item><b>restore</b>: hidden no more; it is seen again as its status allows.</item>
/// <item><b>reject</b>: hidden for good. The profile is hidden as by hide, and the rejection in the
/// audit log keeps any later decision from restoring it. Verification's "reject" is another thing:
/// it declines a pending organisation, which may then edit its profile and ask again.</item>
/// </list>
/// The owner told of each decision is the organisation itself.
/// </summary>
internal sealed class OrganisationModerationTarget(MembershipStore memberships) : IModerationTarget
{
    private const string Columns = "id, name, status, hidden_at, updated_at";

    public string ContentType => "organisation";

    public async Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleOrDefaultAsync<(Guid Id, string Name, string Status, DateTime? HiddenAt, DateTime UpdatedAt)>(
            new CommandDefinition($"SELECT {Columns} FROM organisations WHERE id = @id FOR UPDATE", new { id }, transaction, cancellationToken: cancellationToken));
        return row.Id == Guid.Empty ? null : Describe(row);
    }

    public async Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<(Guid Id, string Name, string Status, DateTime? HiddenAt, DateTime UpdatedAt)>(
            new CommandDefinition($"SELECT {Columns} FROM organisations WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, transaction, cancellationToken: cancellationToken));
        return rows.Select(Describe).ToList();
    }

    public async Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<(Guid Id, string Name, string Status, DateTime? HiddenAt, DateTime UpdatedAt)>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM organisations
            WHERE status = 'pending' AND hidden_at IS NULL
              AND (@afterSince::timestamptz IS NULL OR (updated_at, id) > (@afterSince, @afterId))
            ORDER BY updated_at, id
            LIMIT @limit
            """,
            new { afterSince = after?.Since, afterId = after?.Id ?? Guid.Empty, limit },
            transaction,
            cancellationToken: cancellationToken));
        return rows.Select(Describe).ToList();
    }

    public async Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await transaction.Connection!.QuerySingleAsync<OrganisationRow>(new CommandDefinition(
            $"SELECT {OrganisationRow.Columns} FROM organisations WHERE id = @Id", new { content.Id }, transaction, cancellationToken: cancellationToken));
        return OrganisationAccess.CanSee(await memberships.ViewerAsync(reader, transaction.Connection!, transaction, cancellationToken), row.ToOrganisation());
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

        // A new version: what members read about the profile changed, so their ETags must too.
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            $"UPDATE organisations SET {sql}, version = version + 1, updated_at = @decidedAt WHERE id = @Id",
            new { content.Id, decidedAt, reason },
            transaction,
            cancellationToken: cancellationToken));
    }

    private static ModeratedContent Describe((Guid Id, string Name, string Status, DateTime? HiddenAt, DateTime UpdatedAt) row) =>
        (row.HiddenAt, EnumCodes.Parse<OrganisationStatus>(row.Status)) switch
        {
            (not null, _) => new ModeratedContent(row.Id, row.Name, ModerationState.Hidden, row.Id, null),
            (null, OrganisationStatus.Pending) => new ModeratedContent(row.Id, row.Name, ModerationState.Held, row.Id, row.UpdatedAt),
            _ => new ModeratedContent(row.Id, row.Name, ModerationState.Visible, row.Id, null),
        };
}
