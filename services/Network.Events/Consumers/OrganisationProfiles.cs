using Dapper;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>
/// The events service's copy of the organisations' names, kinds and regions, from the directory's
/// events: the organiser's name on certificates, the statistics by organisation kind. Events may
/// overtake each other on the broker; an older profile never overwrites a newer one.
/// </summary>
internal static class OrganisationProfiles
{
    public static Task SaveAsync(Guid id, string name, string kind, IReadOnlyList<string> regions, DateTimeOffset occurredAt, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO organisations (id, name, kind, regions, profile_changed_at) VALUES (@id, @name, @kind, @regions, @occurredAt)
            ON CONFLICT (id) DO UPDATE SET name = excluded.name, kind = excluded.kind, regions = excluded.regions, profile_changed_at = excluded.profile_changed_at
            WHERE organisations.profile_changed_at < excluded.profile_changed_at
            """,
            new { id, name, kind, regions = regions.ToArray(), occurredAt = occurredAt.ToUniversalTime() },
            transaction,
            cancellationToken: cancellationToken));
}
