using Dapper;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// Writes the matching service's copy of the directory's organisations, inside a consumer's
/// transaction. The broker does not promise order across event types, so a verification may
/// arrive before the registration: whichever comes first creates the row, and each half (profile,
/// status) is only overwritten by a change that happened later than the one it holds.
/// </summary>
public static class OrganisationReadModel
{
    public sealed record Profile(
        Guid OrganisationId,
        string Name,
        string Kind,
        IReadOnlyList<string> Regions,
        IReadOnlyList<string> Topics,
        IReadOnlyList<string> Languages,
        IReadOnlyList<string> TargetGroups,
        DateTimeOffset OccurredAt);

    /// <summary>
    /// Stores the profile. A new organisation starts pending; a registration never changes a status
    /// we already heard about, because any status event happened after the registration. This runs
    /// without matching's write lock, so a new row takes no change number (0, which the counterpart
    /// catalogue never reads): a number taken here could become visible before a smaller one a locked
    /// writer has not committed yet, and the catalogue would step past that one for good. A pending
    /// organisation is nothing to the catalogue anyway; its verification is numbered under the lock.
    /// </summary>
    public static Task SaveProfileAsync(Profile profile, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, name, kind, status, regions, topics, languages, target_groups, profile_changed_at, updated_at, change_seq)
            VALUES (@id, @name, @kind, 'pending', @regions, @topics, @languages, @targetGroups, @occurredAt, now(), 0)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, kind = excluded.kind, regions = excluded.regions, topics = excluded.topics,
                languages = excluded.languages, target_groups = excluded.target_groups,
                profile_changed_at = excluded.profile_changed_at, updated_at = now()
            WHERE organisations.profile_changed_at < excluded.profile_changed_at
            """,
            new
            {
                id = profile.OrganisationId,
                name = profile.Name,
                kind = profile.Kind,
                regions = profile.Regions.ToArray(),
                topics = profile.Topics.ToArray(),
                languages = profile.Languages.ToArray(),
                targetGroups = profile.TargetGroups.ToArray(),
                occurredAt = profile.OccurredAt.ToUniversalTime(),
            },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Stores the status, unless we already hold one that changed later.</summary>
    public static Task SaveStatusAsync(Guid organisationId, OrganisationStatus status, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, status, status_changed_at, updated_at)
            VALUES (@id, @status, @occurredAt, now())
            ON CONFLICT (id) DO UPDATE SET
                status = excluded.status, status_changed_at = excluded.status_changed_at, updated_at = now()
            WHERE organisations.status_changed_at < excluded.status_changed_at
            """,
            new { id = organisationId, status = EnumCodes.Of(status), occurredAt = occurredAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Notes that someone of the organisation did something here (the ranking prefers recently active organisations).</summary>
    public static Task MarkActiveAsync(Guid organisationId, DateTimeOffset at, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE organisations SET last_active_at = @at WHERE id = @organisationId AND (last_active_at IS NULL OR last_active_at < @at)",
            new { organisationId, at = at.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));
}
