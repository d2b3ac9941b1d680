using System.Data;
using Dapper;
using Npgsql;

namespace Network.ServiceDefaults.Moderation;

/// <summary>One entry of the moderation queue: content that is held for review, or reported, or both.</summary>
/// <param name="WaitingSince">Since it was held when it is held, else since its first open report: the queue's order, oldest first.</param>
/// <param name="Reasons">The reasons of the newest open reports, newest first, at most <see cref="ModerationQueue.MaximumReasonsShown"/>.</param>
public sealed record QueueItem(
    string ContentType,
    Guid ContentId,
    string Title,
    ModerationState State,
    Guid? OwnerOrganisationId,
    DateTime WaitingSince,
    int OpenReports,
    IReadOnlyList<string> Reasons);

/// <summary>
/// The queue merges two kinds of sources, each already ordered by its own key: every target's held
/// content (by the time it was held) and the open reports grouped by content (by the first report).
/// Held content that is also reported comes from its target only, so nothing appears twice and the
/// cursor (waiting since, content id) resumes every source where the last page stopped.
/// </summary>
public sealed class ModerationQueue(NpgsqlDataSource dataSource)
{
    public const int MaximumReasonsShown = 20;

    /// <summary>Up to <paramref name="limit"/> items after <paramref name="after"/>, oldest first.</summary>
    public async Task<IReadOnlyList<QueueItem>> ReadAsync(
        IReadOnlyList<IModerationTarget> targets, int limit, (DateTime At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One snapshot for every source: content that moves from one source to another while the
        // page is read is then neither shown twice nor missed.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var sources = targets.Select(target => (QueueSource)new HeldSource(target, after, limit))
            .Append(new ReportedSource(targets, after, limit))
            .ToList();
        var picked = new List<Candidate>();
        while (picked.Count < limit)
        {
            Candidate? next = null;
            QueueSource? from = null;
            foreach (var source in sources)
            {
                var head = await source.PeekAsync(transaction, cancellationToken);
                if (head is not null && (next is null || head.CompareTo(next) < 0))
                {
                    (next, from) = (head, source);
                }
            }

            if (from is null)
            {
                break;
            }

            from.Take();
            if (next!.Content is not null)
            {
                picked.Add(next);
            }
        }

        var reports = await OpenReportsAsync(picked, transaction, cancellationToken);
        return picked.Select(candidate =>
        {
            var open = reports.GetValueOrDefault((candidate.ContentType, candidate.ContentId));
            return new QueueItem(
                candidate.ContentType,
                candidate.ContentId,
                candidate.Content!.Title,
                candidate.Content.State,
                candidate.Content.OwnerOrganisationId,
                candidate.WaitingSince,
                open.Count,
                open.Reasons ?? []);
        }).ToList();
    }

    private static async Task<Dictionary<(string, Guid), (int Count, IReadOnlyList<string>? Reasons)>> OpenReportsAsync(
        IReadOnlyList<Candidate> candidates, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var rows = await transaction.Connection!.QueryAsync<(string ContentType, Guid ContentId, string Reason, long OpenReports)>(new CommandDefinition(
            """
            SELECT content_type, content_id, reason, open_reports
            FROM (SELECT content_type, content_id, reason,
                         count(*) OVER content AS open_reports,
                         row_number() OVER (content ORDER BY created_at DESC, id DESC) AS newest
                  FROM content_reports
                  WHERE resolved_at IS NULL AND content_type = ANY(@types) AND content_id = ANY(@ids)
                  WINDOW content AS (PARTITION BY content_type, content_id)) AS reports
            WHERE newest <= @MaximumReasonsShown
            ORDER BY content_type, content_id, newest
            """,
            new
            {
                types = candidates.Select(candidate => candidate.ContentType).Distinct().ToArray(),
                ids = candidates.Select(candidate => candidate.ContentId).Distinct().ToArray(),
                MaximumReasonsShown,
            },
            transaction,
            cancellationToken: cancellationToken));
        return rows
            .GroupBy(row => (row.ContentType, row.ContentId))
            .ToDictionary(
                group => group.Key,
                group => ((int)group.First().OpenReports, (IReadOnlyList<string>?)group.Select(row => row.Reason).ToList()));
    }

    /// <summary>A queue entry about to be merged; Content is null for a report whose content is listed elsewhere or gone.</summary>
    private sealed record Candidate(string ContentType, Guid ContentId, DateTime WaitingSince, ModeratedContent? Content) : IComparable<Candidate>
    {
        public int CompareTo(Candidate? other)
        {
            var byTime = WaitingSince.CompareTo(other!.WaitingSince);
            // Guid orders as PostgreSQL's uuid does (unsigned, field by field), so ties resume correctly.
            return byTime != 0 ? byTime : ContentId.CompareTo(other.ContentId);
        }
    }

    /// <summary>A source read in chunks of the page size, from the cursor on, in the queue's order.</summary>
    private abstract class QueueSource((DateTime At, Guid Id)? after, int chunk)
    {
        private readonly Queue<Candidate> buffered = new();
        private (DateTime At, Guid Id)? position = after;
        private bool exhausted;

        public async Task<Candidate?> PeekAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            if (buffered.Count == 0 && !exhausted)
            {
                var read = await ReadAsync(position, chunk, transaction, cancellationToken);
                exhausted = read.Count < chunk;
                foreach (var candidate in read)
                {
                    buffered.Enqueue(candidate);
                    position = (candidate.WaitingSince, candidate.ContentId);
                }
            }

            return buffered.TryPeek(out var head) ? head : null;
        }

        public void Take() => buffered.Dequeue();

        protected abstract Task<IReadOnlyList<Candidate>> ReadAsync((DateTime At, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken);
    }

    private sealed class HeldSource(IModerationTarget target, (DateTime At, Guid Id)? after, int chunk) : QueueSource(after, chunk)
    {
        protected override async Task<IReadOnlyList<Candidate>> ReadAsync((DateTime At, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            var held = await target.HeldAsync(after, limit, transaction, cancellationToken);
            return held.Select(content => content is { State: ModerationState.Held, HeldSince: { } since }
                    ? new Candidate(target.ContentType, content.Id, since, content)
                    : throw new InvalidOperationException($"{target.GetType().Name}.HeldAsync listed {target.ContentType} {content.Id}, which is not held."))
                .ToList();
        }
    }

    private sealed class ReportedSource(IReadOnlyList<IModerationTarget> targets, (DateTime At, Guid Id)? after, int chunk) : QueueSource(after, chunk)
    {
        protected override async Task<IReadOnlyList<Candidate>> ReadAsync((DateTime At, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken)
        {
            var groups = (await transaction.Connection!.QueryAsync<(string ContentType, Guid ContentId, DateTime FirstReportedAt)>(new CommandDefinition(
                """
                SELECT content_type, content_id, min(created_at) AS first_reported_at
                FROM content_reports
                WHERE resolved_at IS NULL AND content_type = ANY(@types)
                GROUP BY content_type, content_id
                HAVING @afterAt::timestamptz IS NULL OR (min(created_at), content_id) > (@afterAt, @afterId)
                ORDER BY first_reported_at, content_id
                LIMIT @limit
                """,
                new { types = targets.Select(target => target.ContentType).ToArray(), afterAt = after?.At, afterId = after?.Id ?? Guid.Empty, limit },
                transaction,
                cancellationToken: cancellationToken))).ToList();

            var described = new Dictionary<(string, Guid), ModeratedContent>();
            foreach (var target in targets)
            {
                var ids = groups.Where(group => group.ContentType == target.ContentType).Select(group => group.ContentId).ToArray();
                if (ids.Length == 0)
                {
                    continue;
                }

                var rejected = await ModerationStore.RejectedAmongAsync(target.ContentType, ids, transaction, cancellationToken);
                foreach (var content in await target.DescribeAsync(ids, transaction, cancellationToken))
                {
                    described[(target.ContentType, content.Id)] = rejected.Contains(content.Id)
                        ? content with { State = ModerationState.Rejected, HeldSince = null }
                        : content;
                }
            }

            // Held content is its target's to list (HeldSource); content that is gone has nothing left to decide.
            return groups.Select(group => new Candidate(
                    group.ContentType,
                    group.ContentId,
                    group.FirstReportedAt,
                    described.GetValueOrDefault((group.ContentType, group.ContentId)) is { State: not ModerationState.Held } content ? content : null))
                .ToList();
        }
    }
}
