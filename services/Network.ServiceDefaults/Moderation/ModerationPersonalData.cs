using Dapper;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.ServiceDefaults.Moderation;

/// <summary>
/// What moderation holds about a person: the reports they filed and, for coordinators, the
/// decisions they took. Erasure unlinks the reports from the person; the reports stay, because
/// they are part of the content's history. Decisions stay as they are: the audit log must show who
/// decided, a coordinator decides in an official role, and the log is append-only by design.
/// </summary>
internal sealed class ModerationPersonalData : IPersonalDataSource
{
    public string Section => "moderation";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var reports = (await connection.QueryAsync<(string ContentType, Guid ContentId, string Reason, DateTime CreatedAt, DateTime? ResolvedAt)>(new CommandDefinition(
            """
            SELECT content_type, content_id, reason, created_at, resolved_at FROM content_reports
            WHERE reporter_account_id = @accountId ORDER BY created_at, id
            """,
            new { accountId },
            cancellationToken: cancellationToken)))
            .Select(row => new { row.ContentType, row.ContentId, row.Reason, row.CreatedAt, row.ResolvedAt })
            .ToList();
        var decisions = (await connection.QueryAsync<(string ContentType, Guid ContentId, string Decision, string Reason, DateTime DecidedAt)>(new CommandDefinition(
            """
            SELECT content_type, content_id, decision, reason, decided_at FROM moderation_decisions
            WHERE coordinator_account_id = @accountId ORDER BY decided_at, id
            """,
            new { accountId },
            cancellationToken: cancellationToken)))
            .Select(row => new { row.ContentType, row.ContentId, row.Decision, row.Reason, row.DecidedAt })
            .ToList();
        return reports.Count == 0 && decisions.Count == 0 ? null : new { reports, decisions };
    }

    public Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE content_reports SET reporter_account_id = NULL WHERE reporter_account_id = @accountId",
            new { accountId },
            transaction,
            cancellationToken: cancellationToken));
}
