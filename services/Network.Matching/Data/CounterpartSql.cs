using Dapper;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// The SQL that finds the listings <see cref="MatchScoring"/> ranks against one listing. Ranking
/// every listing of the other kind in C# would read the whole table; instead the database keeps only
/// what can be a counterpart at all (listed, other kind, other organisation, a shared topic, a place
/// where the two can meet; the GIN index `listings_counterparts` answers the last two) and orders
/// those by every part of the score it can compute exactly: topics, place, languages, target groups,
/// the verified part and the organisations' recent activity, with MatchScoring's own weights as
/// parameters, so the two cannot drift apart. Only the text (<see cref="MatchScoring.WeightBeyondCodes"/>)
/// is left to C#; <see cref="CounterpartFinder"/> ranks the best of them page by page until no
/// candidate further down can still make the cut. Kept apart from the store so a test can EXPLAIN
/// exactly the query that runs.
/// </summary>
public static class CounterpartSql
{
    /// <summary>How many candidates the ranking reads and scores at a time.</summary>
    public const int ShortlistSize = 200;

    /// <summary>
    /// How many candidates the shortlist names at most. Only thousands of candidates alike in every code
    /// and in activity, where the text would have to decide among all of them, reach this: there the
    /// ranking takes the first thousand by code and activity.
    /// </summary>
    public const int MaximumCandidates = 1000;

    private const string Columns = """
        l.id, l.organisation_id, l.kind, l.topics, l.regions, l.languages, l.target_groups, l.title, l.description,
        o.status AS organisation_status, o.last_active_at
        """;

    /// <summary>
    /// The shortlist: ids and `code_score` of at most <see cref="MaximumCandidates"/> candidates, best
    /// first, read from columns the covering index listings_counterpart_profiles holds (no listing's
    /// text is read for the thousands of candidates a common topic in a big city has).
    /// </summary>
    public static (string Sql, DynamicParameters Parameters) Shortlist(ListingProfile listing, DateTimeOffset now)
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
        parameters.Add("recentActivityWeight", MatchScoring.RecentActivityWeight);
        parameters.Add("ownActivity", MatchScoring.RecentActivity(listing.OrganisationLastActiveAt, now));
        parameters.Add("horizonSeconds", MatchScoring.RecentActivityHorizon.TotalSeconds);
        parameters.Add("size", MaximumCandidates);
        var canMeet = "";
        if (places.ThatCanMeet is { } regions)
        {
            canMeet = "AND l.regions && @regions";
            parameters.Add("regions", regions.ToArray());
        }

        // The same formula as MatchScoring.Score: Dice of the topics, the best place level, coverage of
        // the smaller language and target-group lists, the verified part (every row here is verified),
        // and the mean of both organisations' recent activity. Shared codes are counted with one `= ANY` per code of the listing (at most a dozen,
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
                + @recentActivityWeight * (@ownActivity
                    + coalesce(greatest(0, least(1, 1 - extract(epoch FROM (@now - o.last_active_at)) / @horizonSeconds)), 0)) / 2
            """;

        var sql = $"""
            SELECT l.id, ({codeScore})::float8 AS code_score
            FROM listings l
            JOIN organisations o ON o.id = l.organisation_id
            WHERE {ListingRow.Listed} AND l.kind = @kind AND l.organisation_id <> @organisationId
              AND l.topics && @topics {canMeet}
            ORDER BY code_score DESC, l.id
            LIMIT @size
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

    /// <summary>The listings <paramref name="ids"/> as the ranking reads them, whatever their state.</summary>
    public static (string Sql, DynamicParameters Parameters) Profiles(IReadOnlyCollection<Guid> ids)
    {
        var parameters = new DynamicParameters();
        parameters.Add("ids", ids.ToArray());
        return ($"SELECT {Columns} FROM listings l JOIN organisations o ON o.id = l.organisation_id WHERE l.id = ANY(@ids)", parameters);
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

/// <summary>
/// Ranks a listing's counterparts while reading as few whole listings as it can: the shortlist names
/// the candidates best first by everything but the text; their rows are read and scored a page at a
/// time, until the last of the best <c>limit</c> scores more than any candidate further down could
/// (its shortlist score plus <see cref="MatchScoring.WeightBeyondCodes"/>), or the shortlist ends.
/// The ranking is exact unless more than <see cref="CounterpartSql.MaximumCandidates"/> candidates
/// could still make the cut.
/// </summary>
public static class CounterpartFinder
{
    public static async Task<IReadOnlyList<MatchSuggestion>> RankAsync(
        NpgsqlConnection connection,
        NpgsqlTransaction? transaction,
        ListingProfile listing,
        DateTimeOffset now,
        int limit,
        CancellationToken cancellationToken,
        int pageSize = CounterpartSql.ShortlistSize)
    {
        var (sql, parameters) = CounterpartSql.Shortlist(listing, now);
        var shortlist = (await connection.QueryAsync<(Guid Id, double CodeScore)>(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken))).ToList();
        IReadOnlyList<MatchSuggestion> ranked = [];
        for (var start = 0; start < shortlist.Count; start += pageSize)
        {
            var page = shortlist.Skip(start).Take(pageSize).ToList();
            var (pageSql, pageParameters) = CounterpartSql.Profiles(page.Select(c => c.Id).ToList());
            var rows = await connection.QueryAsync<ListingProfileRow>(new CommandDefinition(pageSql, pageParameters, transaction, cancellationToken: cancellationToken));
            // The best `limit` so far and the new page: what fell out of the best before cannot get back in,
            // so each candidate is scored once instead of once per page.
            ranked = MatchScoring.Rank(listing, ranked.Select(s => s.Candidate).Concat(rows.Select(row => row.ToProfile())), now, limit);

            // Scores are rounded to four places; the margin keeps a rounded tie from counting as a win.
            var bestFurtherDown = page[^1].CodeScore + MatchScoring.WeightBeyondCodes + 0.0001;
            if (ranked.Count >= limit && ranked[^1].Score > bestFurtherDown)
            {
                break;
            }
        }

        return ranked;
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
