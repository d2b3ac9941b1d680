using Dapper;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>
/// The events service's copy of the organisations' names, kinds, regions and statuses, from the
/// directory's events: the organiser's name on certificates, the statistics by organisation kind,
/// and who counts as a member of the network. Events may overtake each other on the broker (a
/// verification may arrive before the registration): whichever comes first creates the row, and
/// each half (profile, status) is only overwritten by a change that happened later.
/// </summary>
internal static class OrganisationProfiles
{
    public static Task SaveAsync(Guid id, string name, string kind, IReadOnlyList<string> regions, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, name, kind, regions, profile_changed_at) VALUES (@id, @name, @kind, @regions, @occurredAt)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, regions = excluded.regions, profile_changed_at = excluded.profile_changed_at
            WHERE organisations.profile_changed_at IS NULL OR organisations.profile_changed_at < excluded.profile_changed_at
            """,
            new { id, name, kind, regions = regions.ToArray(), occurredAt = occurredAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));

    /// <summary>Stores the status (pending, verified, rejected, suspended), unless we already hold one that changed later.</summary>
    public static Task SaveStatusAsync(Guid id, string status, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, status, status_changed_at) VALUES (@id, @status, @occurredAt)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, status_changed_at = excluded.status_changed_at
            WHERE organisations.status_changed_at IS NULL OR organisations.status_changed_at < excluded.status_changed_at
            """,
            new { id, status, occurredAt = occurredAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));
}
