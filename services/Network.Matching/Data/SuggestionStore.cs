using System.Text.Json;
using Dapper;
using Network.Contracts.Matching;
using Network.Matching.Domain;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// Suggestions and partnerships in PostgreSQL. Refreshing a listing's suggestions happens inside the
/// transaction of whatever changed it (a listing written, an organisation's standing, a moderation
/// decision, the expiry job), so the change, its suggestions and their events commit together or
/// not at all. Answers lock the suggestion row, so two members answering at once are serialised and
/// a partnership is formed exactly once.
/// <para>
/// Every transaction that changes what can be suggested, or answers a suggestion, first takes one
/// transaction-scoped advisory lock (<see cref="LockForWritingAsync"/>). Without it, two listings
/// published at the same moment would each miss the other (neither sees the other's uncommitted
/// row), and transactions locking listings, organisations and suggestions in different orders could
/// deadlock. Such writes are therefore one at a time across the service: tens of milliseconds each,
/// plenty for a city's network; the next step would be a lock per topic, taken in code order.
/// </para>
/// </summary>
public sealed partial class SuggestionStore(NpgsqlDataSource dataSource, CounterpartCatalogue catalogue, TimeProvider time, ILogger<SuggestionStore> logger)
{
    /// <summary>"matching" in ASCII: the advisory lock key of <see cref="LockForWritingAsync"/>.</summary>
    private const long WriteLockKey = 0x6D61746368696E67;

    private const string Columns = """
        s.id, s.offer_listing_id, s.request_listing_id, s.offer_organisation_id, s.request_organisation_id,
        lo.title AS offer_title, lr.title AS request_title,
        coalesce(oo.name, '') AS offer_organisation_name, coalesce(orq.name, '') AS request_organisation_name, s.status, s.score, s.reasons::text AS reasons,
        s.offer_interested_at, s.request_interested_at, s.declined_by_organisation_id, s.decline_reason,
        s.closed_reason, s.created_at, s.updated_at, s.closed_at, p.id AS partnership_id,
        lo.hidden_at IS NOT NULL AS offer_hidden, lr.hidden_at IS NOT NULL AS request_hidden
        """;

    private const string From = """
        suggestions s
        JOIN listings lo ON lo.id = s.offer_listing_id
        JOIN listings lr ON lr.id = s.request_listing_id
        LEFT JOIN organisations oo ON oo.id = s.offer_organisation_id
        LEFT JOIN organisations orq ON orq.id = s.request_organisation_id
        LEFT JOIN partnerships p ON p.suggestion_id = s.id
        """;

    private static readonly JsonSerializerOptions ReasonJson = JsonDefaults.Create();

    /// <summary>
    /// Takes matching's write lock for the rest of <paramref name="transaction"/>. Call it before the
    /// transaction locks anything else; taking it again in the same transaction is harmless.
    /// </summary>
    public static Task LockForWritingAsync(NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "SELECT pg_advisory_xact_lock(@key)", new { key = WriteLockKey }, transaction, cancellationToken: cancellationToken));

    /// <summary>
    /// Stores an organisation's new standing from the directory and brings its listings' suggestions in
    /// line: a verified (or reinstated) organisation's listings are matched, a suspended or rejected
    /// one's suggestions close.
    /// </summary>
    public async Task ChangeStandingAsync(Guid organisationId, OrganisationStatus status, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await LockForWritingAsync(transaction, cancellationToken);
        await OrganisationReadModel.SaveStatusAsync(organisationId, status, occurredAt, transaction, cancellationToken);
        await RefreshOrganisationAsync(organisationId, transaction, cancellationToken);
    }

    /// <summary>Brings the suggestions of every active listing of an organisation up to date.</summary>
    public async Task RefreshOrganisationAsync(Guid organisationId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var listingIds = await transaction.Connection!.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM listings WHERE organisation_id = @organisationId AND status = 'active' ORDER BY id",
            new { organisationId },
            transaction,
            cancellationToken: cancellationToken));
        foreach (var listingId in listingIds)
        {
            await RefreshAsync(listingId, transaction, cancellationToken);
        }
    }

    /// <summary>
    /// Brings one listing's suggestions up to date (<see cref="SuggestionRefresh"/>), publishing what
    /// changed. The caller's transaction must hold <see cref="LockForWritingAsync"/> from its start.
    /// </summary>
    public async Task RefreshAsync(Guid listingId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = time.GetUtcNow();
        await LockForWritingAsync(transaction, cancellationToken);
        // The listing's row lock serialises two refreshes of the same listing.
        var row = await connection.QuerySingleOrDefaultAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingRow.Columns} FROM {ListingRow.From()} WHERE l.id = @listingId FOR UPDATE OF l",
            new { listingId },
            transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return;
        }

        var listing = row.ToListing();
        var existing = (await connection.QueryAsync<SuggestionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE s.offer_listing_id = @listingId OR s.request_listing_id = @listingId ORDER BY s.id FOR UPDATE OF s",
            new { listingId },
            transaction,
            cancellationToken: cancellationToken))).Select(r => r.ToSuggestion()).ToList();

        SuggestionChanges changes;
        if (SuggestionRules.UnavailableBecause(listing, now) is { } reason)
        {
            changes = SuggestionRefresh.WhenUnavailable(existing, reason);
        }
        else
        {
            var lastActiveAt = await connection.ExecuteScalarAsync<DateTime?>(new CommandDefinition(
                "SELECT last_active_at FROM organisations WHERE id = @OrganisationId", listing, transaction, cancellationToken: cancellationToken));
            var profile = ProfileOf(listing, lastActiveAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
            // Enough to fill the free places even if every suggestion the listing already has ranks first.
            var best = await RankAsync(profile, connection, transaction, now, SuggestionRefresh.MaximumOpenPerListing + existing.Count, cancellationToken);
            var inBest = best.Select(fit => fit.Candidate.ListingId).ToHashSet();
            var others = existing
                .Where(s => s.Status is SuggestionStatus.Open or SuggestionStatus.Closed && !inBest.Contains(s.CounterpartOf(listingId)))
                .Select(s => s.CounterpartOf(listingId))
                .ToList();
            var stillFitting = new Dictionary<Guid, MatchSuggestion>();
            if (others.Count > 0)
            {
                var (sql, parameters) = CounterpartSql.ListedProfiles(others, now);
                var profiles = await connection.QueryAsync<ListingProfileRow>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
                foreach (var candidate in profiles.Select(p => p.ToProfile()))
                {
                    if (MatchScoring.Suggest(profile, candidate, now) is { } fit)
                    {
                        stillFitting[candidate.ListingId] = fit;
                    }
                }
            }

            changes = SuggestionRefresh.WhenListed(listingId, existing, best, stillFitting);
        }

        await ApplyAsync(listing, changes, now, transaction, cancellationToken);
    }

    /// <summary>
    /// The best counterparts of <paramref name="listing"/> now, ranked: what `GET /listings/{id}/matches`
    /// shows and what a refresh stores.
    /// </summary>
    public async Task<IReadOnlyList<MatchSuggestion>> RankAsync(ListingProfile listing, int limit, CancellationToken cancellationToken)
    {
        // Not opened yet: the finder opens it once the catalogue has answered (see CounterpartFinder).
        await using var connection = dataSource.CreateConnection();
        return await RankAsync(listing, connection, null, time.GetUtcNow(), limit, cancellationToken);
    }

    public async Task<Suggestion?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SuggestionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE s.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToSuggestion();
    }

    /// <summary>One page of an organisation's suggestions (either side), newest first, plus one more row when there is a next page.</summary>
    public async Task<IReadOnlyList<Suggestion>> ListAsync(
        Guid organisationId, IReadOnlyCollection<SuggestionStatus> statuses, (DateTime At, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // One branch per side, each answered by its own index, merged in order.
        var rows = await connection.QueryAsync<SuggestionRow>(new CommandDefinition(
            $"""
            SELECT * FROM (
                (SELECT {Columns} FROM {From}
                 WHERE s.offer_organisation_id = @organisationId AND s.status = ANY(@statuses) AND (s.created_at, s.id) < (@afterAt, @afterId)
                 ORDER BY s.created_at DESC, s.id DESC LIMIT @take)
                UNION ALL
                (SELECT {Columns} FROM {From}
                 WHERE s.request_organisation_id = @organisationId AND s.status = ANY(@statuses) AND (s.created_at, s.id) < (@afterAt, @afterId)
                 ORDER BY s.created_at DESC, s.id DESC LIMIT @take)
            ) both_sides
            ORDER BY created_at DESC, id DESC LIMIT @take
            """,
            new
            {
                organisationId,
                statuses = statuses.Select(EnumCodes.Of).ToArray(),
                afterAt = DateTime.SpecifyKind(after?.At ?? DateTime.MaxValue, DateTimeKind.Utc),
                afterId = after?.Id ?? Guid.Empty,
                take = limit + 1,
            },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToSuggestion()).ToList();
    }

    /// <summary>
    /// Records one side's answer under a row lock, as <paramref name="answer"/> decides it, with its
    /// events; a second interest forms the partnership in the same transaction.
    /// </summary>
    /// <returns>The suggestion after the answer and what happened; null when it does not exist.</returns>
    /// <param name="needsBothListed">Interest needs both listings still listed; declining does not.</param>
    public async Task<(Suggestion Suggestion, AnswerOutcome Outcome, Partnership? Partnership)?> AnswerAsync(
        Guid id, SuggestionSide side, bool needsBothListed, Func<Suggestion, DateTimeOffset, (Suggestion, AnswerOutcome)> answer, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await LockForWritingAsync(transaction, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<SuggestionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM {From} WHERE s.id = @id FOR UPDATE OF s", new { id }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var before = row.ToSuggestion();
        var (after, outcome) = answer(before, now);
        if (needsBothListed && outcome is AnswerOutcome.Recorded or AnswerOutcome.PartnershipFormed)
        {
            var (listedSql, listedParameters) = CounterpartSql.ListedProfiles([before.OfferListingId, before.RequestListingId], now);
            var listed = (await connection.QueryAsync<ListingProfileRow>(new CommandDefinition(listedSql, listedParameters, transaction, cancellationToken: cancellationToken))).Count();
            if (listed < 2)
            {
                return (before, AnswerOutcome.ListingUnavailable, null);
            }
        }

        if (outcome is AnswerOutcome.NotOpen or AnswerOutcome.AlreadyGiven or AnswerOutcome.ListingUnavailable)
        {
            return (before, outcome, outcome == AnswerOutcome.AlreadyGiven ? await PartnershipOfAsync(id, connection, transaction, cancellationToken) : null);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE suggestions SET
                status = @status, offer_interested_at = @offerInterestedAt, request_interested_at = @requestInterestedAt,
                declined_by_organisation_id = @declinedBy, decline_reason = @declineReason, updated_at = @now, closed_at = @closedAt
            WHERE id = @id
            """,
            new
            {
                id,
                status = EnumCodes.Of(after.Status),
                offerInterestedAt = after.OfferInterestedAt,
                requestInterestedAt = after.RequestInterestedAt,
                declinedBy = after.DeclinedByOrganisationId,
                declineReason = after.DeclineReason,
                now,
                closedAt = after.ClosedAt,
            },
            transaction,
            cancellationToken: cancellationToken));
        await OrganisationReadModel.MarkActiveAsync(after.OrganisationOn(side), now, transaction, cancellationToken);

        Partnership? partnership = null;
        if (after.Status == SuggestionStatus.Declined)
        {
            await Outbox.EnqueueAsync(transaction, Closed(after, "declined", now), cancellationToken);
        }
        else
        {
            await Outbox.EnqueueAsync(transaction, new InterestExpressed
            {
                SuggestionId = id,
                OrganisationId = after.OrganisationOn(side),
                OtherOrganisationId = after.OrganisationOn(side.Other()),
                OccurredAt = now,
            }, cancellationToken);
            if (outcome == AnswerOutcome.PartnershipFormed)
            {
                partnership = await FormPartnershipAsync(after, now, transaction, cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
        LogAnswered(logger, id, after.OrganisationOn(side), outcome, EnumCodes.Of(after.Status));
        return (after with { PartnershipId = partnership?.Id }, outcome, partnership);
    }

    /// <summary>One page of an organisation's partnerships, newest first, plus one more row when there is a next page.</summary>
    public async Task<IReadOnlyList<Partnership>> PartnershipsAsync(Guid organisationId, (DateTime At, Guid Id)? after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<PartnershipRow>(new CommandDefinition(
            $"""
            SELECT * FROM (
                (SELECT {PartnershipRow.Columns} FROM {PartnershipRow.From}
                 WHERE p.offer_organisation_id = @organisationId AND (p.formed_at, p.id) < (@afterAt, @afterId)
                 ORDER BY p.formed_at DESC, p.id DESC LIMIT @take)
                UNION ALL
                (SELECT {PartnershipRow.Columns} FROM {PartnershipRow.From}
                 WHERE p.request_organisation_id = @organisationId AND (p.formed_at, p.id) < (@afterAt, @afterId)
                 ORDER BY p.formed_at DESC, p.id DESC LIMIT @take)
            ) both_sides
            ORDER BY formed_at DESC, id DESC LIMIT @take
            """,
            new { organisationId, afterAt = DateTime.SpecifyKind(after?.At ?? DateTime.MaxValue, DateTimeKind.Utc), afterId = after?.Id ?? Guid.Empty, take = limit + 1 },
            cancellationToken: cancellationToken));
        return rows.Select(r => r.ToPartnership()).ToList();
    }

    private static async Task<Partnership?> PartnershipOfAsync(Guid suggestionId, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<PartnershipRow>(new CommandDefinition(
            $"SELECT {PartnershipRow.Columns} FROM {PartnershipRow.From} WHERE p.suggestion_id = @suggestionId",
            new { suggestionId },
            transaction,
            cancellationToken: cancellationToken));
        return row?.ToPartnership();
    }

    private static async Task<Partnership> FormPartnershipAsync(Suggestion suggestion, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var partnership = new Partnership(
            Guid.CreateVersion7(),
            suggestion.Id,
            suggestion.OfferListingId,
            suggestion.RequestListingId,
            suggestion.OfferOrganisationId,
            suggestion.RequestOrganisationId,
            suggestion.OfferTitle,
            suggestion.RequestTitle,
            suggestion.OfferOrganisationName,
            suggestion.RequestOrganisationName,
            now);
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO partnerships (id, suggestion_id, offer_listing_id, request_listing_id, offer_organisation_id, request_organisation_id, formed_at)
            VALUES (@Id, @SuggestionId, @OfferListingId, @RequestListingId, @OfferOrganisationId, @RequestOrganisationId, @FormedAt)
            """,
            partnership,
            transaction,
            cancellationToken: cancellationToken));
        await Outbox.EnqueueAsync(transaction, new PartnershipFormed
        {
            PartnershipId = partnership.Id,
            SuggestionId = suggestion.Id,
            FirstOrganisationId = suggestion.OfferOrganisationId,
            SecondOrganisationId = suggestion.RequestOrganisationId,
            OfferListingId = suggestion.OfferListingId,
            RequestListingId = suggestion.RequestListingId,
            OfferTitle = suggestion.OfferTitle,
            RequestTitle = suggestion.RequestTitle,
            OccurredAt = now,
        }, cancellationToken);
        return partnership;
    }

    private Task<IReadOnlyList<MatchSuggestion>> RankAsync(
        ListingProfile listing, NpgsqlConnection connection, NpgsqlTransaction? transaction, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        CounterpartFinder.RankAsync(catalogue, connection, transaction, listing, now, limit, cancellationToken);

    /// <summary>A listing as the ranking reads it, with when its organisation was last active here.</summary>
    internal static ListingProfile ProfileOf(Listing listing, DateTimeOffset? organisationLastActiveAt) => new()
    {
        ListingId = listing.Id,
        OrganisationId = listing.OrganisationId,
        Kind = listing.Kind,
        Topics = listing.Content.Topics,
        Regions = listing.Content.Regions,
        Languages = listing.Content.Languages,
        TargetGroups = listing.Content.TargetGroups,
        Title = listing.Content.Title,
        Description = listing.Content.Description,
        OrganisationVerified = !listing.IsHeld,
        OrganisationLastActiveAt = organisationLastActiveAt,
    };

    private async Task ApplyAsync(Listing listing, SuggestionChanges changes, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (changes.IsEmpty)
        {
            return;
        }

        var connection = transaction.Connection!;
        foreach (var fit in changes.ToCreate)
        {
            var candidate = fit.Candidate;
            var suggestion = listing.Kind == ListingKind.Offer
                ? NewSuggestion(listing.Id, candidate.ListingId, listing.OrganisationId, candidate.OrganisationId, listing.Content.Title, candidate.Title, fit, now)
                : NewSuggestion(candidate.ListingId, listing.Id, candidate.OrganisationId, listing.OrganisationId, candidate.Title, listing.Content.Title, fit, now);
            // A refresh of the counterpart running at the same moment may have stored the pair first.
            var created = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO suggestions (
                    id, offer_listing_id, request_listing_id, offer_organisation_id, request_organisation_id,
                    status, score, reasons, created_at, updated_at)
                VALUES (@Id, @OfferListingId, @RequestListingId, @OfferOrganisationId, @RequestOrganisationId,
                    'open', @Score, @ReasonsJson::jsonb, @CreatedAt, @CreatedAt)
                ON CONFLICT (offer_listing_id, request_listing_id) DO NOTHING
                """,
                new
                {
                    suggestion.Id,
                    suggestion.OfferListingId,
                    suggestion.RequestListingId,
                    suggestion.OfferOrganisationId,
                    suggestion.RequestOrganisationId,
                    suggestion.Score,
                    ReasonsJson = JsonSerializer.Serialize(suggestion.Reasons, ReasonJson),
                    suggestion.CreatedAt,
                },
                transaction,
                cancellationToken: cancellationToken));
            if (created == 1)
            {
                await Outbox.EnqueueAsync(transaction, Suggested(suggestion, now), cancellationToken);
            }
        }

        foreach (var (suggestion, fit) in changes.ToUpdate)
        {
            await SetFitAsync(suggestion.Id, fit, reopen: false, now, transaction, cancellationToken);
        }

        foreach (var (suggestion, fit) in changes.ToReopen)
        {
            await SetFitAsync(suggestion.Id, fit, reopen: true, now, transaction, cancellationToken);
            await Outbox.EnqueueAsync(transaction, Suggested(suggestion with { Score = fit.Score, Reasons = fit.Reasons }, now), cancellationToken);
        }

        foreach (var (suggestion, reason) in changes.ToClose)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE suggestions SET status = 'closed', closed_reason = @reason, closed_at = @now, updated_at = @now WHERE id = @Id",
                new { suggestion.Id, reason = EnumCodes.Of(reason), now },
                transaction,
                cancellationToken: cancellationToken));
            await Outbox.EnqueueAsync(transaction, Closed(suggestion, PublicReason(reason), now), cancellationToken);
        }

        LogRefreshed(logger, listing.Id, changes.ToCreate.Count, changes.ToUpdate.Count, changes.ToReopen.Count, changes.ToClose.Count);
    }

    private static Task SetFitAsync(Guid id, MatchSuggestion fit, bool reopen, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            reopen
                ? """
                  UPDATE suggestions SET status = 'open', closed_reason = NULL, closed_at = NULL, offer_interested_at = NULL,
                      request_interested_at = NULL, score = @score, reasons = @reasons::jsonb, updated_at = @now
                  WHERE id = @id
                  """
                : "UPDATE suggestions SET score = @score, reasons = @reasons::jsonb, updated_at = @now WHERE id = @id",
            new { id, score = fit.Score, reasons = JsonSerializer.Serialize(fit.Reasons, ReasonJson), now },
            transaction,
            cancellationToken: cancellationToken));

    private static Suggestion NewSuggestion(
        Guid offerListingId, Guid requestListingId, Guid offerOrganisationId, Guid requestOrganisationId, string offerTitle, string requestTitle, MatchSuggestion fit, DateTimeOffset now) =>
        new(Guid.CreateVersion7(), offerListingId, requestListingId, offerOrganisationId, requestOrganisationId, offerTitle, requestTitle, "", "",
            SuggestionStatus.Open, fit.Score, fit.Reasons, null, null, null, null, null, now, now, null, null);

    private static MatchSuggested Suggested(Suggestion suggestion, DateTimeOffset now) => new()
    {
        SuggestionId = suggestion.Id,
        OfferListingId = suggestion.OfferListingId,
        RequestListingId = suggestion.RequestListingId,
        OfferOrganisationId = suggestion.OfferOrganisationId,
        RequestOrganisationId = suggestion.RequestOrganisationId,
        OfferTitle = suggestion.OfferTitle,
        RequestTitle = suggestion.RequestTitle,
        Score = suggestion.Score,
        Reasons = suggestion.Reasons,
        OccurredAt = now,
    };

    /// <summary>
    /// The close reason both sides may read: whether the other side's listing was hidden by moderation
    /// or its organisation suspended is not the reader's business, so both read as `unavailable`.
    /// </summary>
    public static string PublicReason(SuggestionClosedReason reason) =>
        reason is SuggestionClosedReason.Hidden or SuggestionClosedReason.OrganisationUnavailable ? "unavailable" : EnumCodes.Of(reason);

    private static SuggestionClosed Closed(Suggestion suggestion, string reason, DateTimeOffset now) => new()
    {
        SuggestionId = suggestion.Id,
        OfferListingId = suggestion.OfferListingId,
        RequestListingId = suggestion.RequestListingId,
        OfferOrganisationId = suggestion.OfferOrganisationId,
        RequestOrganisationId = suggestion.RequestOrganisationId,
        OfferTitle = suggestion.OfferTitle,
        RequestTitle = suggestion.RequestTitle,
        Reason = reason,
        DeclinedByOrganisationId = suggestion.DeclinedByOrganisationId,
        DeclineReason = suggestion.DeclineReason,
        OccurredAt = now,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestions of listing {ListingId}: {Created} new, {Updated} updated, {Reopened} reopened, {Closed} closed")]
    private static partial void LogRefreshed(ILogger logger, Guid listingId, int created, int updated, int reopened, int closed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Suggestion {SuggestionId} answered by organisation {OrganisationId}: {Outcome}, now {Status}")]
    private static partial void LogAnswered(ILogger logger, Guid suggestionId, Guid organisationId, AnswerOutcome outcome, string status);

    private sealed class SuggestionRow
    {
        public Guid Id { get; init; }

        public Guid OfferListingId { get; init; }

        public Guid RequestListingId { get; init; }

        public Guid OfferOrganisationId { get; init; }

        public Guid RequestOrganisationId { get; init; }

        public string OfferTitle { get; init; } = "";

        public string RequestTitle { get; init; } = "";

        public string OfferOrganisationName { get; init; } = "";

        public string RequestOrganisationName { get; init; } = "";

        public string Status { get; init; } = "";

        public double Score { get; init; }

        public string Reasons { get; init; } = "[]";

        public DateTime? OfferInterestedAt { get; init; }

        public DateTime? RequestInterestedAt { get; init; }

        public Guid? DeclinedByOrganisationId { get; init; }

        public string? DeclineReason { get; init; }

        public string? ClosedReason { get; init; }

        public DateTime CreatedAt { get; init; }

        public DateTime UpdatedAt { get; init; }

        public DateTime? ClosedAt { get; init; }

        public Guid? PartnershipId { get; init; }

        public bool OfferHidden { get; init; }

        public bool RequestHidden { get; init; }

        public Suggestion ToSuggestion() => new(
            Id,
            OfferListingId,
            RequestListingId,
            OfferOrganisationId,
            RequestOrganisationId,
            OfferTitle,
            RequestTitle,
            OfferOrganisationName,
            RequestOrganisationName,
            EnumCodes.Parse<SuggestionStatus>(Status),
            Score,
            JsonSerializer.Deserialize<List<MatchReason>>(Reasons, ReasonJson) ?? [],
            Utc(OfferInterestedAt),
            Utc(RequestInterestedAt),
            DeclinedByOrganisationId,
            DeclineReason,
            ClosedReason is null ? null : EnumCodes.Parse<SuggestionClosedReason>(ClosedReason),
            Utc(CreatedAt)!.Value,
            Utc(UpdatedAt)!.Value,
            Utc(ClosedAt),
            PartnershipId,
            OfferHidden,
            RequestHidden);
    }

    private sealed class PartnershipRow
    {
        public const string Columns = """
            p.id, p.suggestion_id, p.offer_listing_id, p.request_listing_id, p.offer_organisation_id, p.request_organisation_id,
            lo.title AS offer_title, lr.title AS request_title,
            coalesce(oo.name, '') AS offer_organisation_name, coalesce(orq.name, '') AS request_organisation_name, p.formed_at
            """;

        public const string From = """
            partnerships p
            JOIN listings lo ON lo.id = p.offer_listing_id
            JOIN listings lr ON lr.id = p.request_listing_id
            LEFT JOIN organisations oo ON oo.id = p.offer_organisation_id
            LEFT JOIN organisations orq ON orq.id = p.request_organisation_id
            """;

        public Guid Id { get; init; }

        public Guid SuggestionId { get; init; }

        public Guid OfferListingId { get; init; }

        public Guid RequestListingId { get; init; }

        public Guid OfferOrganisationId { get; init; }

        public Guid RequestOrganisationId { get; init; }

        public string OfferTitle { get; init; } = "";

        public string RequestTitle { get; init; } = "";

        public string OfferOrganisationName { get; init; } = "";

        public string RequestOrganisationName { get; init; } = "";

        public DateTime FormedAt { get; init; }

        public Partnership ToPartnership() => new(
            Id, SuggestionId, OfferListingId, RequestListingId, OfferOrganisationId, RequestOrganisationId, OfferTitle, RequestTitle,
            OfferOrganisationName, RequestOrganisationName, Utc(FormedAt)!.Value);
    }

    private static DateTimeOffset? Utc(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}
