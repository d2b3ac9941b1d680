using Dapper;
using Network.Matching.Domain;

namespace Network.Matching.Data;

/// <summary>
/// The SQL that finds the listings <see cref="MatchScoring"/> ranks against one listing. Ranking
/// every listing of the other kind in C# would read the whole table; instead the database keeps only
/// what can be a counterpart at all (listed, other kind, other organisation, a shared topic, a place
/// where the two can meet; the GIN index `listings_counterparts` answers the last two) and orders
/// those by what weighs most in the ranking (shared topics, then a shared district, then shared
/// languages), of which the first <see cref="ShortlistSize"/> are ranked exactly. A candidate beyond
/// the shortlist would have to make up with text and recent activity (together 0.15 of the score)
/// what it lacks in topics, district and languages. Kept apart from the store so a test can EXPLAIN
/// exactly the query that runs.
/// </summary>
public static class CounterpartSql
{
    public const int ShortlistSize = 200;

    private const string Columns = """
        l.id, l.organisation_id, l.kind, l.topics, l.regions, l.languages, l.target_groups, l.title, l.description,
        o.status AS organisation_status, o.last_active_at
        """;

    public static (string Sql, DynamicParameters Parameters) Shortlist(ListingProfile listing, DateTimeOffset now)
    {
        var parameters = new DynamicParameters();
        parameters.Add("now", now);
        parameters.Add("kind", EnumCodes.Of(listing.Kind == ListingKind.Offer ? ListingKind.Request : ListingKind.Offer));
        parameters.Add("organisationId", listing.OrganisationId);
        parameters.Add("topics", listing.Topics.ToArray());
        parameters.Add("districts", MatchScoring.Districts(listing).ToArray());
        parameters.Add("languages", listing.Languages.ToArray());
        parameters.Add("shortlist", ShortlistSize);
        var places = "";
        if (MatchScoring.RegionsThatCanMeet(listing) is { } regions)
        {
            places = "AND l.regions && @regions";
            parameters.Add("regions", regions.ToArray());
        }

        var sql = $"""
            SELECT {Columns}
            FROM listings l JOIN organisations o ON o.id = l.organisation_id
            WHERE {ListingRow.Listed} AND l.kind = @kind AND l.organisation_id <> @organisationId
              AND l.topics && @topics {places}
            ORDER BY cardinality(ARRAY(SELECT unnest(l.topics) INTERSECT SELECT unnest(@topics))) DESC,
                     l.regions && @districts DESC,
                     cardinality(ARRAY(SELECT unnest(l.languages) INTERSECT SELECT unnest(@languages))) DESC,
                     l.updated_at DESC, l.id
            LIMIT @shortlist
            """;
        return (sql, parameters);
    }

    /// <summary>The listings among <paramref name="ids"/> that are listed now, as the ranking reads them.</summary>
    public static (string Sql, DynamicParameters Parameters) ListedProfiles(IReadOnlyCollection<Guid> ids, DateTimeOffset now)
    {
        var parameters = new DynamicParameters();
        parameters.Add("now", now);
        parameters.Add("ids", ids.ToArray());
        return ($"SELECT {Columns} FROM listings l JOIN organisations o ON o.id = l.organisation_id WHERE l.id = ANY(@ids) AND {ListingRow.Listed}", parameters);
    }
}

/// <summary>A listing as the ranking reads it (<see cref="CounterpartSql"/>'s columns).</summary>
internal sealed class ListingProfileRow
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
