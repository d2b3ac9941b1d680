using System.Security.Claims;
using Dapper;
using Microsoft.Extensions.Logging;
using Network.Contracts.Moderation;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.ServiceDefaults.Moderation;

/// <summary>A report as the reporter sees it.</summary>
public sealed record ContentReport(Guid Id, string ContentType, Guid ContentId, DateTime CreatedAt);

/// <summary>One row of the audit log.</summary>
public sealed record AuditEntry(Guid Id, string ContentType, Guid ContentId, ModerationDecision Decision, string Reason, Guid CoordinatorAccountId, DateTime DecidedAt);

public enum ReportOutcome
{
    Filed,

    /// <summary>The reporter has an open report on this content already; nothing was added.</summary>
    AlreadyOpen,
    NotFound,
    Refused,
}

public sealed record ReportResult(ReportOutcome Outcome, ContentReport? Report = null, string? Refusal = null);

public enum DecisionOutcome
{
    Recorded,
    NotFound,
    Refused,
}

public sealed record DecisionResult(DecisionOutcome Outcome, AuditEntry? Entry = null, ModerationState? State = null, string? Refusal = null);

/// <summary>
/// Reports, decisions and the audit log. Each report and each decision is one transaction with the
/// content's own change and the event it publishes.
/// </summary>
public sealed partial class ModerationStore(NpgsqlDataSource dataSource, ServiceIdentity identity, TimeProvider time, ILogger<ModerationStore> logger)
{
    private const string RejectDecision = "reject";

    public async Task<ReportResult> ReportAsync(
        IModerationTarget target, Guid contentId, string reason, ClaimsPrincipal reporter, Guid reporterAccountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var content = await FindAsync(target, contentId, transaction, cancellationToken);
        var visible = content is not null
            && (reporter.IsInRole(NetworkClaims.CoordinatorRole) || await target.IsVisibleToAsync(content, reporter, transaction, cancellationToken));
        if (!visible)
        {
            return new ReportResult(ReportOutcome.NotFound);
        }

        if (ModerationRules.ReportRefusalOf(content!.State) is { } refusal)
        {
            return new ReportResult(ReportOutcome.Refused, Refusal: refusal);
        }

        var report = new ContentReport(Guid.CreateVersion7(), target.ContentType, contentId, Now());
        // A second report by the same person while the first is open would only inflate the count;
        // the repeat (often a retry) gets the open report back instead.
        var filed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO content_reports (id, content_type, content_id, reason, reporter_account_id, created_at)
            VALUES (@Id, @ContentType, @ContentId, @reason, @reporterAccountId, @CreatedAt)
            ON CONFLICT (content_type, content_id, reporter_account_id) WHERE resolved_at IS NULL DO NOTHING
            """,
            new { report.Id, report.ContentType, report.ContentId, reason, reporterAccountId, report.CreatedAt },
            transaction,
            cancellationToken: cancellationToken)) == 1;
        if (!filed)
        {
            var open = await connection.QuerySingleAsync<ContentReport>(new CommandDefinition(
                """
                SELECT id AS Id, content_type AS ContentType, content_id AS ContentId, created_at AS CreatedAt FROM content_reports
                WHERE content_type = @ContentType AND content_id = @ContentId AND reporter_account_id = @reporterAccountId AND resolved_at IS NULL
                """,
                new { report.ContentType, report.ContentId, reporterAccountId },
                transaction,
                cancellationToken: cancellationToken));
            return new ReportResult(ReportOutcome.AlreadyOpen, open);
        }

        await Outbox.EnqueueAsync(transaction, new ContentReported
        {
            Service = identity.Name,
            ContentType = report.ContentType,
            ContentId = report.ContentId,
            Reason = reason,
            OccurredAt = new DateTimeOffset(report.CreatedAt),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogReported(logger, report.ContentType, report.ContentId, report.Id);
        return new ReportResult(ReportOutcome.Filed, report);
    }

    /// <summary>
    /// Applies the decision to the content, resolves its open reports, appends it to the audit log
    /// and publishes ModerationDecisionRecorded, all or nothing.
    /// </summary>
    public async Task<DecisionResult> DecideAsync(
        IModerationTarget target, Guid contentId, ModerationDecision decision, string reason, Guid coordinatorAccountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var content = await FindAsync(target, contentId, transaction, cancellationToken);
        if (content is null)
        {
            return new DecisionResult(DecisionOutcome.NotFound);
        }

        var openReports = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM content_reports WHERE content_type = @ContentType AND content_id = @contentId AND resolved_at IS NULL",
            new { target.ContentType, contentId },
            transaction,
            cancellationToken: cancellationToken));
        if (ModerationRules.RefusalOf(decision, content.State, openReports) is { } refusal)
        {
            return new DecisionResult(DecisionOutcome.Refused, Refusal: refusal);
        }

        var entry = new AuditEntry(Guid.CreateVersion7(), target.ContentType, contentId, decision, reason, coordinatorAccountId, Now());
        await target.ApplyAsync(content, decision, reason, entry.DecidedAt, transaction, cancellationToken);
        // Whatever the decision, a coordinator has now looked at the content: its reports are answered.
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE content_reports SET resolved_at = @DecidedAt, resolved_by_decision_id = @Id
            WHERE content_type = @ContentType AND content_id = @ContentId AND resolved_at IS NULL;
            INSERT INTO moderation_decisions (id, content_type, content_id, decision, reason, coordinator_account_id, decided_at)
            VALUES (@Id, @ContentType, @ContentId, @Decision, @Reason, @CoordinatorAccountId, @DecidedAt);
            """,
            new { entry.Id, entry.ContentType, entry.ContentId, Decision = ModerationNames.Of(decision), entry.Reason, entry.CoordinatorAccountId, entry.DecidedAt },
            transaction,
            cancellationToken: cancellationToken));
        var after = await FindAsync(target, contentId, transaction, cancellationToken)
            ?? throw new InvalidOperationException($"{target.GetType().Name} removed {target.ContentType} {contentId} while applying '{ModerationNames.Of(decision)}'.");

        await Outbox.EnqueueAsync(transaction, new ModerationDecisionRecorded
        {
            Service = identity.Name,
            ContentType = entry.ContentType,
            ContentId = entry.ContentId,
            Decision = ModerationNames.Of(decision),
            Reason = reason,
            CoordinatorAccountId = coordinatorAccountId,
            OwnerOrganisationId = after.OwnerOrganisationId ?? content.OwnerOrganisationId,
            OccurredAt = new DateTimeOffset(entry.DecidedAt),
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogDecided(logger, entry.ContentType, entry.ContentId, entry.Decision, coordinatorAccountId, entry.Id);
        return new DecisionResult(DecisionOutcome.Recorded, entry, after.State);
    }

    /// <summary>One page of the audit log, newest first, after the cursor's entry.</summary>
    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(
        string? contentType, Guid? contentId, int limit, (DateTime At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, string ContentType, Guid ContentId, string Decision, string Reason, Guid CoordinatorAccountId, DateTime DecidedAt)>(
            new CommandDefinition(
                """
                SELECT id, content_type, content_id, decision, reason, coordinator_account_id, decided_at
                FROM moderation_decisions
                WHERE (@contentType::text IS NULL OR content_type = @contentType)
                  AND (@contentId::uuid IS NULL OR content_id = @contentId)
                  AND (@afterAt::timestamptz IS NULL OR (decided_at, id) < (@afterAt, @afterId))
                ORDER BY decided_at DESC, id DESC
                LIMIT @limit
                """,
                new { contentType, contentId, afterAt = after?.At, afterId = after?.Id ?? Guid.Empty, limit },
                cancellationToken: cancellationToken));
        return rows
            .Select(row => new AuditEntry(row.Id, row.ContentType, row.ContentId, ModerationNames.ParseDecision(row.Decision), row.Reason, row.CoordinatorAccountId, row.DecidedAt))
            .ToList();
    }

    /// <summary>
    /// The content as its target describes it, except that content once rejected stays Rejected:
    /// the audit log, not the content's own columns, is what makes a rejection final.
    /// </summary>
    private static async Task<ModeratedContent?> FindAsync(IModerationTarget target, Guid contentId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var content = await target.FindAsync(contentId, transaction, cancellationToken);
        if (content is null)
        {
            return null;
        }

        var rejected = await RejectedAmongAsync(target.ContentType, [contentId], transaction, cancellationToken);
        return rejected.Count > 0 ? content with { State = ModerationState.Rejected, HeldSince = null } : content;
    }

    internal static async Task<IReadOnlySet<Guid>> RejectedAmongAsync(string contentType, IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rejected = await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(
            "SELECT DISTINCT content_id FROM moderation_decisions WHERE content_type = @contentType AND content_id = ANY(@ids) AND decision = @RejectDecision",
            new { contentType, ids = ids.ToArray(), RejectDecision },
            transaction,
            cancellationToken: cancellationToken));
        return rejected.ToHashSet();
    }

    // PostgreSQL keeps microseconds: the time we hand out (in events, in responses) is the one stored.
    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Report {ReportId} filed on {ContentType} {ContentId}")]
    private static partial void LogReported(ILogger logger, string contentType, Guid contentId, Guid reportId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Decision {DecisionId}: {Decision} {ContentType} {ContentId} by coordinator {CoordinatorAccountId}")]
    private static partial void LogDecided(ILogger logger, string contentType, Guid contentId, ModerationDecision decision, Guid coordinatorAccountId, Guid decisionId);
}
