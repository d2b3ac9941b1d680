using System.Data;
using Dapper;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// The SQL that reads the rows of the counterparts <see cref="CounterpartCatalogue"/> ranked best, as
/// the ranking reads them, for the few that are suggested. Kept apart from the finder so a test can
/// EXPLAIN exactly the query that runs.
/// </summary>
public static class CounterpartSql
{
    private const string Columns = """
        l.id, l.organisation_id, l.kind, l.topics, l.regions, l.languages, l.target_groups, l.title, l.description,
        o.status AS organisation_status, o.last_active_at
        """;

    /// <summary>The listings among <paramref name="ids"/> that are listed now, as the ranking reads them.</summary>
    public static (string Sql, DynamicParameters Parameters) ListedProfiles(IReadOnlyCollection<Guid> ids, DateTimeOffset now)
    {
        var parameters = new DynamicParameters();
        parameters.Add("now", now);
        parameters.Add("ids", ids.ToArray());
        return ($"SELECT {Columns} FROM listings l JOIN organisations o ON o.id = l.organisation_id WHERE l.id = ANY(@ids) AND {ListingRow.Listed}", parameters);
    }
}

/// <summary>
/// A listing's best counterparts: the catalogue ranks every candidate exactly as
/// <see cref="MatchScoring.Rank"/> does and names the best; their rows are then read and ranked by
/// MatchScoring (for the reasons, and so that what is stored is computed from the rows themselves).
/// Rows are read through the given connection (and the caller's transaction; a closed connection is
/// opened once the catalogue has answered), and only listings listed now count, whatever the
/// catalogue last heard; that is the only reason a second round is ever needed.
/// </summary>
public static class CounterpartFinder
{
    public static async Task<IReadOnlyList<MatchSuggestion>> RankAsync(
        CounterpartCatalogue catalogue,
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        ListingProfile listing,
        DateTimeOffset now,
        int limit,
        CancellationToken cancellationToken)
    {
        var found = new List<ListingProfile>();
        var asked = new HashSet<Guid>();
        // A few more than asked for, so a stale entry or two costs no second round; each further round asks for twice as many.
        for (var count = limit + 10; limit > 0; count *= 2)
        {
            var ordered = await catalogue.CounterpartsAsync(listing, now, transaction, count, cancellationToken);
            // Only those not asked for yet: outside a refresh, changes committed between rounds may reorder the best.
            var page = ordered.Select(c => c.ListingId).Where(asked.Add).ToList();
            if (connection.State == ConnectionState.Closed)
            {
                // Opened only now, so a ranking waiting for the catalogue holds no connection of the pool.
                await connection.OpenAsync(cancellationToken);
            }

            var (sql, parameters) = CounterpartSql.ListedProfiles(page, now);
            var rows = await connection.QueryAsync<ListingProfileRow>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken));
            found.AddRange(rows.Select(row => row.ToProfile()));
            if (found.Count >= limit || ordered.Count < count)
            {
                break;
            }
        }

        return MatchScoring.Rank(listing, found, now, limit);
    }
}

/// <summary>A listing as the ranking reads it (<see cref="CounterpartSql"/>'s columns).</summary>
internal class ListingProfileRow
{
    public Guid Id { get; init; }

    public Guid OrganisationId { get; init; }

    public string Kind { get; init; } = "";

    public string[] Topics { get; init; } = [];

    public string[] Regions { get; init; } = [];

    public string[] Languages { get; init; } = [];

    public string[] TargetGroups { get; init; } = [];

    public string Title { get; init; } = "";

    public string Description { get; init; } = "";

    public string? OrganisationStatus { get; init; }

    public DateTime? LastActiveAt { get; init; }

    public ListingProfile ToProfile() => new()
    {
        ListingId = Id,
        OrganisationId = OrganisationId,
        Kind = EnumCodes.Parse<ListingKind>(Kind),
        Topics = Topics,
        Regions = Regions,
        Languages = Languages,
        TargetGroups = TargetGroups,
        Title = Title,
        Description = Description,
        OrganisationVerified = OrganisationStatus == "verified",
        OrganisationLastActiveAt = LastActiveAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null,
    };
}
