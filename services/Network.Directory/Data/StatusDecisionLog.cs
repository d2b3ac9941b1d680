using Dapper;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>One status decision of the audit log, with the organisation's present name.</summary>
public sealed record StatusDecision(Guid Id, Guid OrganisationId, string OrganisationName, string Decision, string? Reason, Guid CoordinatorAccountId, DateTime DecidedAt);

/// <summary>
/// The audit log of verification, rejection, suspension and reinstatement, newest first. Rows are
/// written by <see cref="OrganisationStore.ChangeStatusAsync"/> in the transaction of the change.
/// </summary>
public sealed class StatusDecisionLog(NpgsqlDataSource dataSource)
{
    /// <summary>Up to <paramref name="limit"/> decisions older than <paramref name="before"/>, of one organisation or of all.</summary>
    public async Task<IReadOnlyList<StatusDecision>> ReadAsync(Guid? organisationId, int limit, (DateTime At, Guid Id)? before, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<StatusDecision>(new CommandDefinition(
            """
            SELECT d.id AS Id, d.organisation_id AS OrganisationId, coalesce(o.name, '') AS OrganisationName, d.decision AS Decision,
                   d.reason AS Reason, d.coordinator_account_id AS CoordinatorAccountId, d.decided_at AS DecidedAt
            FROM organisation_status_decisions d LEFT JOIN organisations o ON o.id = d.organisation_id
            WHERE (@organisationId::uuid IS NULL OR d.organisation_id = @organisationId)
              AND (@beforeAt::timestamptz IS NULL OR (d.decided_at, d.id) < (@beforeAt, @beforeId))
            ORDER BY d.decided_at DESC, d.id DESC
            LIMIT @limit
            """,
            new { organisationId, beforeAt = before?.At, beforeId = before?.Id ?? Guid.Empty, limit },
            cancellationToken: cancellationToken));
        return rows.ToList();
    }
}
