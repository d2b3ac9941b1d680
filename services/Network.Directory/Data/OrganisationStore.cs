using Dapper;
using Network.Contracts.Directory;
using Network.Directory.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Directory.Data;

/// <summary>
/// Organisations in PostgreSQL. Every change is one transaction together with the integration
/// events it causes (through the outbox), and every change is conditional on the state the caller
/// decided on (a version or a status), so two coordinators or two admins acting at once cannot
/// both succeed on the same old state.
/// </summary>
public sealed partial class OrganisationStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<OrganisationStore> logger)
{
    /// <summary>Creates a pending organisation with its creator as org_admin, and its OrganisationRegistered and MemberJoined events.</summary>
    public async Task<Organisation> RegisterAsync(OrganisationProfile profile, Guid creatorAccountId, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var organisation = await InsertAsync(transaction, id, profile, OrganisationStatus.Pending, creatorAccountId, now, cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO memberships (organisation_id, account_id, role, joined_at) VALUES (@id, @creatorAccountId, 'org_admin', @now)",
            new { id, creatorAccountId, now }, transaction, cancellationToken: cancellationToken));
        await Outbox.EnqueueAsync(transaction, Registered(organisation, now), cancellationToken);
        await Outbox.EnqueueAsync(transaction, new MemberJoined
        {
            OrganisationId = id,
            AccountId = creatorAccountId,
            Role = EnumCodes.Of(MemberRole.OrgAdmin),
            OccurredAt = now,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogRegistered(logger, id, EnumCodes.Of(profile.Kind));
        return organisation;
    }

    public async Task<Organisation?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(
            $"SELECT {OrganisationRow.Columns} FROM organisations WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return row?.ToOrganisation();
    }

    /// <summary>One page of a search, plus one more row when there is a next page.</summary>
    public async Task<IReadOnlyList<Organisation>> SearchAsync(OrganisationSearchCriteria criteria, CancellationToken cancellationToken)
    {
        var (sql, parameters) = OrganisationSearchSql.Build(criteria);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<OrganisationRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToOrganisation()).ToList();
    }

    /// <summary>
    /// Replaces the profile if the organisation is still at <paramref name="expectedVersion"/>, moving
    /// it to <paramref name="status"/> (a rejected organisation that edits asks again), with its
    /// OrganisationProfileUpdated event.
    /// </summary>
    /// <returns>The updated organisation, or null when it changed (or vanished) meanwhile.</returns>
    public async Task<Organisation?> UpdateProfileAsync(Guid id, int expectedVersion, OrganisationProfile profile, OrganisationStatus status, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var parameters = new DynamicParameters(OrganisationRow.ProfileParameters(profile));
        parameters.AddDynamicParams(new { id, expectedVersion, now, status = EnumCodes.Of(status) });
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(
            $"""
            UPDATE organisations SET
                name = @name, kind = @kind, description = @description, regions = @regions, topics = @topics,
                languages = @languages, target_groups = @targetGroups, website = @website, email = @email,
                phone = @phone, address = @address, contact_persons = @contactPersons::jsonb,
                taxonomy_text = @taxonomyText,
                status_reason = CASE WHEN status = @status THEN status_reason END,
                status = @status,
                version = version + 1, updated_at = @now
            WHERE id = @id AND version = @expectedVersion
            RETURNING {OrganisationRow.Columns}
            """, parameters, transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        var organisation = row.ToOrganisation();
        await Outbox.EnqueueAsync(transaction, new OrganisationProfileUpdated
        {
            OrganisationId = id,
            Name = profile.Name,
            Kind = EnumCodes.Of(profile.Kind),
            Regions = profile.Regions,
            Topics = profile.Topics,
            Languages = profile.Languages,
            TargetGroups = profile.TargetGroups,
            OccurredAt = now,
        }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return organisation;
    }

    /// <summary>
    /// Moves the organisation from <paramref name="from"/> to <paramref name="to"/> with the reason
    /// and the event of that change (<see cref="EnqueueStatusEventAsync"/>).
    /// </summary>
    /// <returns>The updated organisation, or null when its status was no longer <paramref name="from"/>.</returns>
    public async Task<Organisation?> ChangeStatusAsync(
        Guid id, OrganisationStatus from, OrganisationStatus to, OrganisationChange change, string? reason, Guid coordinatorAccountId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<OrganisationRow>(new CommandDefinition(
            $"""
            UPDATE organisations SET
                status = @to, status_reason = @reason, version = version + 1, updated_at = @now,
                verified_at = CASE WHEN @to = 'verified' THEN coalesce(verified_at, @now) ELSE verified_at END
            WHERE id = @id AND status = @from
            RETURNING {OrganisationRow.Columns}
            """,
            new { id, from = EnumCodes.Of(from), to = EnumCodes.Of(to), reason, now },
            transaction, cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisation_status_decisions (id, organisation_id, decision, reason, coordinator_account_id, decided_at)
            VALUES (@decisionId, @id, @decision, @reason, @coordinatorAccountId, @now)
            """,
            new { decisionId = Guid.CreateVersion7(), id, decision = EnumCodes.Of(change), reason, coordinatorAccountId, now },
            transaction, cancellationToken: cancellationToken));
        await EnqueueStatusEventAsync(transaction, id, change, reason, coordinatorAccountId, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogStatusChanged(logger, id, EnumCodes.Of(from), EnumCodes.Of(to), coordinatorAccountId);
        return row.ToOrganisation();
    }

    /// <summary>Inserts an organisation inside the caller's transaction.</summary>
    internal static async Task<Organisation> InsertAsync(
        NpgsqlTransaction transaction, Guid id, OrganisationProfile profile, OrganisationStatus status, Guid creatorAccountId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(OrganisationRow.ProfileParameters(profile));
        parameters.AddDynamicParams(new { id, status = EnumCodes.Of(status), creatorAccountId, now });
        var row = await transaction.Connection!.QuerySingleAsync<OrganisationRow>(new CommandDefinition(
            $"""
            INSERT INTO organisations (
                id, name, kind, status, description, regions, topics, languages, target_groups,
                website, email, phone, address, contact_persons, taxonomy_text,
                created_by_account_id, created_at, updated_at,
                verified_at)
            VALUES (
                @id, @name, @kind, @status, @description, @regions, @topics, @languages, @targetGroups,
                @website, @email, @phone, @address, @contactPersons::jsonb, @taxonomyText,
                @creatorAccountId, @now, @now,
                CASE WHEN @status = 'verified' THEN @now END)
            RETURNING {OrganisationRow.Columns}
            """, parameters, transaction, cancellationToken: cancellationToken));
        return row.ToOrganisation();
    }

    internal static OrganisationRegistered Registered(Organisation organisation, DateTimeOffset now) => new()
    {
        OrganisationId = organisation.Id,
        Name = organisation.Profile.Name,
        Kind = EnumCodes.Of(organisation.Profile.Kind),
        Regions = organisation.Profile.Regions,
        Topics = organisation.Profile.Topics,
        Languages = organisation.Profile.Languages,
        TargetGroups = organisation.Profile.TargetGroups,
        CreatedByAccountId = organisation.CreatedByAccountId,
        OccurredAt = now,
    };

    /// <summary>The event a coordinator's decision publishes, enqueued as its own type (the outbox names the message by it).</summary>
    internal static Task<Guid> EnqueueStatusEventAsync(
        NpgsqlTransaction transaction, Guid id, OrganisationChange change, string? reason, Guid coordinatorAccountId, DateTimeOffset now, CancellationToken cancellationToken) => change switch
        {
            OrganisationChange.Verify => Outbox.EnqueueAsync(
                transaction, new OrganisationVerified { OrganisationId = id, CoordinatorAccountId = coordinatorAccountId, OccurredAt = now }, cancellationToken),
            OrganisationChange.Reject => Outbox.EnqueueAsync(
                transaction, new OrganisationRejected { OrganisationId = id, CoordinatorAccountId = coordinatorAccountId, Reason = reason ?? string.Empty, OccurredAt = now }, cancellationToken),
            OrganisationChange.Suspend => Outbox.EnqueueAsync(
                transaction, new OrganisationSuspended { OrganisationId = id, Reason = reason ?? string.Empty, OccurredAt = now }, cancellationToken),
            OrganisationChange.Reinstate => Outbox.EnqueueAsync(
                transaction, new OrganisationReinstated { OrganisationId = id, OccurredAt = now }, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not a coordinator's decision."),
        };

    [LoggerMessage(Level = LogLevel.Information, Message = "Registered organisation {OrganisationId} ({Kind})")]
    private static partial void LogRegistered(ILogger logger, Guid organisationId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Organisation {OrganisationId} went from {From} to {To} by coordinator {CoordinatorAccountId}")]
    private static partial void LogStatusChanged(ILogger logger, Guid organisationId, string from, string to, Guid coordinatorAccountId);
}
