using Dapper;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// The SQL that finds the listings <see cref="MatchScoring"/> ranks against one listing. Ranking
/// every listing of the other kind in C# would read the whole table; instead the database keeps only
/// what can be a counterpart at all (listed, other kind, other organisation, a shared topic, a place
/// where the two can meet; the GIN index `listings_counterparts` answers the last two) and orders
/// those by the part of the score it can compute exactly from the codes: topics, place, languages,
/// target groups and the verified part, with MatchScoring's own weights as parameters, so the two
/// cannot drift apart. Only the text and the organisations' activity
/// (<see cref="MatchScoring.WeightBeyondCodes"/>) are left to C#; <see cref="CounterpartFinder"/>
/// reads page after page until no unread candidate can still make the cut. Kept apart from the store
/// so a test can EXPLAIN exactly the query that runs.
/// </summary>
public static class CounterpartSql
{
    /// <summary>How many candidates one page of the shortlist holds.</summary>
    public const int ShortlistSize = 200;

    private const string Columns = """
        l.id, l.organisation_id, l.kind, l.topics, l.regions, l.languages, l.target_groups, l.title, l.description,
        o.status AS organisation_status, o.last_active_at
        """;

    public static (string Sql, DynamicParameters Parameters) Shortlist(ListingProfile listing, DateTimeOffset now) =>
        Shortlist(listing, now, ShortlistSize, 0);

    /// <summary>One page of the shortlist, best code score first, each row with its `code_score`.</summary>
    public static (string Sql, DynamicParameters Parameters) Shortlist(ListingProfile listing, DateTimeOffset now, int size, int offset)
    {
        var places = MatchScoring.PlacesOf(listing);
        var topics = listing.Topics.Where(Taxonomy.IsTopic).Distinct(StringComparer.Ordinal).ToArray();
        var languages = listing.Languages.Where(Taxonomy.IsLanguage).Distinct(StringComparer.Ordinal).ToArray();
        var targetGroups = listing.TargetGroups.Where(Taxonomy.IsTargetGroup).Distinct(StringComparer.Ordinal).ToArray();
        var parameters = new DynamicParameters();
        parameters.Add("now", now);
        parameters.Add("kind", EnumCodes.Of(listing.Kind == ListingKind.Offer ? ListingKind.Request : ListingKind.Offer));
        parameters.Add("organisationId", listing.OrganisationId);
        parameters.Add("topics", topics);
        parameters.Add("districts", places.Districts.ToArray());
        parameters.Add("inItsCities", places.InItsCities.ToArray());
        parameters.Add("topicWeight", MatchScoring.TopicWeight);
        parameters.Add("placeWeight", MatchScoring.PlaceWeight);
        parameters.Add("languageWeight", MatchScoring.LanguageWeight);
        parameters.Add("targetGroupWeight", MatchScoring.TargetGroupWeight);
        parameters.Add("verifiedWeight", MatchScoring.VerifiedWeight);
        parameters.Add("sameDistrictFit", MatchScoring.SameDistrictFit);
        parameters.Add("sameCityFit", MatchScoring.SameCityFit);
        parameters.Add("everywhereFit", MatchScoring.EverywhereFit);
        parameters.Add("size", size);
        parameters.Add("offset", offset);
        var canMeet = "";
        if (places.ThatCanMeet is { } regions)
        {
            canMeet = "AND l.regions && @regions";
            parameters.Add("regions", regions.ToArray());
        }

        // The same formula as MatchScoring.Score: Dice of the topics, the best place level, coverage of
        // the smaller language and target-group lists, and the verified part (every row here is
        // verified). Shared codes are counted with one `= ANY` per code of the listing (at most a dozen,
        // ListingRules caps them), cheaper than intersecting arrays row by row.
        var sharedTopics = Shared("l.topics", "topic", topics, parameters);
        var sharedLanguages = Shared("l.languages", "language", languages, parameters);
        var sharedTargetGroups = Shared("l.target_groups", "targetGroup", targetGroups, parameters);
        var codeScore = $"""
            @topicWeight * 2.0 * {sharedTopics} / (cardinality(l.topics) + {topics.Length})
                + @placeWeight * CASE WHEN l.regions && @districts THEN @sameDistrictFit
                                      WHEN l.regions && @inItsCities THEN @sameCityFit
                                      ELSE @everywhereFit END
                + @languageWeight * CASE WHEN least(cardinality(l.languages), {languages.Length}) = 0 THEN 0
                                         ELSE {sharedLanguages}::float8 / least(cardinality(l.languages), {languages.Length}) END
                + @targetGroupWeight * CASE WHEN least(cardinality(l.target_groups), {targetGroups.Length}) = 0 THEN 0
                                            ELSE {sharedTargetGroups}::float8 / least(cardinality(l.target_groups), {targetGroups.Length}) END
                + @verifiedWeight
            """;

        // Two steps: the ids and code scores first, from columns the covering index
        // listings_counterpart_profiles holds (no listing's text is read for the thousands of
        // candidates a common topic in a big city has), then the page's whole rows for the ranking.
        var sql = $"""
            WITH page AS (
                SELECT l.id, ({codeScore})::float8 AS code_score
                FROM listings l
                JOIN organisations o ON o.id = l.organisation_id
                WHERE {ListingRow.Listed} AND l.kind = @kind AND l.organisation_id <> @organisationId
                  AND l.topics && @topics {canMeet}
                ORDER BY code_score DESC, l.id
                LIMIT @size OFFSET @offset)
            SELECT {Columns}, page.code_score
            FROM page
            JOIN listings l ON l.id = page.id
            JOIN organisations o ON o.id = l.organisation_id
            ORDER BY page.code_score DESC, l.id
            """;
        return (sql, parameters);
    }

    /// <summary>How many of <paramref name="codes"/> the array column holds, as SQL over one parameter per code.</summary>
    private static string Shared(string column, string name, string[] codes, DynamicParameters parameters)
    {
        if (codes.Length == 0)
        {
            return "0";
        }

        var terms = new List<string>();
        for (var i = 0; i < codes.Length; i++)
        {
            parameters.Add($"{name}{i}", codes[i]);
            terms.Add($"(@{name}{i} = ANY({column}))::int");
        }

        return "(" + string.Join(" + ", terms) + ")";
    }

    /// <summary>The listings among <paramref name="ids"/> that are listed now, as the ranking reads them.</summary>
    public static (string Sql, DynamicParameters Parameters) ListedProfiles(IReadOnlyCollection<Guid> ids, DateTimeOffset now)
    {
        var parameters = new DynamicParameters();
        parameters.Add("now", now);
        parameters.Add("ids", ids.ToArray());
        return ($"SELECT {Columns}, 0::float8 AS code_score FROM listings l JOIN organisations o ON o.id = l.organisation_id WHERE l.id = ANY(@ids) AND {ListingRow.Listed}", parameters);
    }
}

/// <summary>
/// Ranks a listing's counterparts exactly while reading as few as it can: page after page of the
/// shortlist (best code score first), until the last of the best <c>limit</c> scores more than any
/// unread candidate could (the last page's code score plus <see cref="MatchScoring.WeightBeyondCodes"/>),
/// or the shortlist is exhausted, or <see cref="MaximumCandidates"/> were read. The last case is the
/// only one where the ranking is approximate: thousands of candidates alike in every code, where
/// text and activity would have to decide.
/// </summary>
public static class CounterpartFinder
{
    public const int MaximumCandidates = 1000;

    public static async Task<IReadOnlyList<MatchSuggestion>> RankAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        ListingProfile listing,
        DateTimeOffset now,
        int limit,
        CancellationToken cancellationToken,
        int pageSize = CounterpartSql.ShortlistSize)
    {
        var candidates = new List<ListingProfile>();
        for (var offset = 0; ; offset += pageSize)
        {
            var (sql, parameters) = CounterpartSql.Shortlist(listing, now, pageSize, offset);
            var page = (await connection.QueryAsync<ListingProfileRow>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))).ToList();
            candidates.AddRange(page.Select(row => row.ToProfile()));
            var ranked = MatchScoring.Rank(listing, candidates, now, limit);
            if (page.Count < pageSize || offset + pageSize >= MaximumCandidates)
            {
                return ranked;
            }

            // Scores are rounded to four places; the margin keeps a rounded tie from counting as a win.
            var bestUnread = page[^1].CodeScore + MatchScoring.WeightBeyondCodes + 0.0001;
            if (ranked.Count >= limit && ranked[^1].Score > bestUnread)
            {
                return ranked;
            }
        }
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

    /// <summary>The part of the score the database computed (<see cref="CounterpartSql"/>); 0 where it did not.</summary>
    public double CodeScore { get; init; }

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
