using System.Security.Claims;
using Dapper;
using Network.Events.Domain;
using Npgsql;

namespace Network.Events.Data;

/// <summary>
/// Builds the <see cref="EventViewer"/> of a request: the token names the person's memberships, the
/// organisations table (kept from the directory's events) says which of them are verified.
/// </summary>
public sealed class EventViewers(NpgsqlDataSource dataSource)
{
    public async Task<EventViewer> OfAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var organisations = EventViewer.OrganisationsOf(user);
        if (organisations.Count == 0)
        {
            return EventViewer.Of(user, []);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return EventViewer.Of(user, await VerifiedAsync(organisations, connection, null, cancellationToken));
    }

    /// <summary>The same, inside a transaction that is already open (moderation asks on its own connection).</summary>
    public static async Task<EventViewer> OfAsync(ClaimsPrincipal user, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var organisations = EventViewer.OrganisationsOf(user);
        return EventViewer.Of(user, organisations.Count == 0 ? [] : await VerifiedAsync(organisations, transaction.Connection!, transaction, cancellationToken));
    }

    private static async Task<IEnumerable<Guid>> VerifiedAsync(IReadOnlyList<Guid> organisations, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT id FROM organisations WHERE id = ANY(@organisations) AND status = 'verified'",
            new { organisations = organisations.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
}
