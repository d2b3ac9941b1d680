using Dapper;
using Network.Contracts.Matching;
using Network.Matching.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// Listings in PostgreSQL. Every change is one transaction together with the event it causes
/// (through the outbox), and an edit is conditional on the version the caller read, so two
/// members editing at once cannot both succeed on the same old state. The listing's suggestions are
/// brought up to date in the same transaction (<see cref="SuggestionStore.RefreshAsync"/>).
/// </summary>
public sealed partial class ListingStore(NpgsqlDataSource dataSource, SuggestionStore suggestions, TimeProvider time, ILogger<ListingStore> logger)
{
    /// <summary>Creates an active listing with its ListingPublished event.</summary>
    public async Task<Listing> PublishAsync(Guid organisationId, ListingKind kind, ListingContent content, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        var parameters = new DynamicParameters(ListingRow.ContentParameters(content));
        parameters.AddDynamicParams(new { id, organisationId, kind = EnumCodes.Of(kind), now });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SuggestionStore.LockForWritingAsync(transaction, cancellationToken);
        var row = await connection.QuerySingleAsync<ListingRow>(new CommandDefinition(
            $"""
            WITH changed AS (
                INSERT INTO listings (
                    id, organisation_id, kind, status, title, description, topics, languages, regions, target_groups,
                    format, valid_until, taxonomy_text, created_at, updated_at)
                VALUES (
                    @id, @organisationId, @kind, 'active', @title, @description, @topics, @languages, @regions, @targetGroups,
                    @format, @validUntil, @taxonomyText, @now, @now)
                RETURNING *)
            SELECT {ListingRow.Columns} FROM {ListingRow.From("changed")}
            """, parameters, transaction, cancellationToken: cancellationToken));
        await Outbox.EnqueueAsync(transaction, new ListingPublished
        {
            ListingId = id,
            OrganisationId = organisationId,
            Kind = EnumCodes.Of(kind),
            Title = content.Title,
            Topics = content.Topics,
            Regions = content.Regions,
            OccurredAt = now,
        }, cancellationToken);
        await AfterChangeAsync(id, organisationId, now, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogPublished(logger, id, organisationId, EnumCodes.Of(kind));
        return row.ToListing();
    }

    public async Task<Listing?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingRow.Columns} FROM {ListingRow.From()} WHERE l.id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToListing();
    }

    public async Task<IReadOnlyList<Listing>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ListingRow>(new CommandDefinition(
            $"SELECT {ListingRow.Columns} FROM {ListingRow.From()} WHERE l.id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToListing()).ToList();
    }

    /// <summary>The names of organisations as the read model holds them; one the directory has not told us about yet is missing.</summary>
    public async Task<IReadOnlyDictionary<Guid, string>> OrganisationNamesAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM organisations WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken));
        return rows.ToDictionary(row => row.Id, row => row.Name);
    }

    /// <summary>One page of a search, plus one more row when there is a next page.</summary>
    public async Task<IReadOnlyList<Listing>> SearchAsync(ListingSearchCriteria criteria, ListingViewer viewer, CancellationToken cancellationToken)
    {
        var (sql, parameters) = ListingSearchSql.Build(criteria, viewer, time.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<ListingRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToListing()).ToList();
    }

    /// <summary>Replaces the content if the listing is still at <paramref name="expectedVersion"/>, with its ListingUpdated event.</summary>
    /// <returns>The updated listing, or null when it changed (or vanished) meanwhile.</returns>
    public async Task<Listing?> UpdateAsync(Guid id, int expectedVersion, ListingContent content, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var parameters = new DynamicParameters(ListingRow.ContentParameters(content));
        parameters.AddDynamicParams(new { id, expectedVersion, now });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SuggestionStore.LockForWritingAsync(transaction, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ListingRow>(new CommandDefinition(
            $"""
            WITH changed AS (
                UPDATE listings SET
                    title = @title, description = @description, topics = @topics, languages = @languages,
                    regions = @regions, target_groups = @targetGroups, format = @format, valid_until = @validUntil,
                    taxonomy_text = @taxonomyText, version = version + 1, updated_at = @now,
                    -- A new end date earns a new reminder and a new expiry.
                    expiry_reminded_at = CASE WHEN valid_until IS DISTINCT FROM @validUntil THEN NULL ELSE expiry_reminded_at END,
                    expiry_handled_at = CASE WHEN valid_until IS DISTINCT FROM @validUntil THEN NULL ELSE expiry_handled_at END
                WHERE id = @id AND version = @expectedVersion
                RETURNING *)
            SELECT {ListingRow.Columns} FROM {ListingRow.From("changed")}
            """, parameters, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        await Outbox.EnqueueAsync(transaction, new ListingUpdated
        {
            ListingId = id,
            OrganisationId = row.OrganisationId,
            Title = content.Title,
            OccurredAt = now,
        }, cancellationToken);
        await AfterChangeAsync(id, row.OrganisationId, now, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return row.ToListing();
    }

    /// <summary>Withdraws an active listing, with its ListingWithdrawn event.</summary>
    /// <returns>The withdrawn listing, or null when it was not active (already withdrawn, or gone).</returns>
    public async Task<Listing?> WithdrawAsync(Guid id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await SuggestionStore.LockForWritingAsync(transaction, cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<ListingRow>(new CommandDefinition(
            $"""
            WITH changed AS (
                UPDATE listings SET status = 'withdrawn', withdrawn_at = @now, version = version + 1, updated_at = @now
                WHERE id = @id AND status = 'active'
                RETURNING *)
            SELECT {ListingRow.Columns} FROM {ListingRow.From("changed")}
            """, new { id, now }, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        await Outbox.EnqueueAsync(transaction, new ListingWithdrawn { ListingId = id, OrganisationId = row.OrganisationId, OccurredAt = now }, cancellationToken);
        await AfterChangeAsync(id, row.OrganisationId, now, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogWithdrawn(logger, id, row.OrganisationId);
        return row.ToListing();
    }

    /// <summary>What every change of a listing by its organisation also does: its suggestions follow, and the organisation counts as active.</summary>
    private async Task AfterChangeAsync(Guid listingId, Guid organisationId, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await OrganisationReadModel.MarkActiveAsync(organisationId, now, transaction, cancellationToken);
        await suggestions.RefreshAsync(listingId, transaction, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published listing {ListingId} of organisation {OrganisationId} ({Kind})")]
    private static partial void LogPublished(ILogger logger, Guid listingId, Guid organisationId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Withdrew listing {ListingId} of organisation {OrganisationId}")]
    private static partial void LogWithdrawn(ILogger logger, Guid listingId, Guid organisationId);
}
