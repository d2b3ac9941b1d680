using System.Text;
using Dapper;
using Network.Matching.Domain;

namespace Network.Matching.Data;

/// <summary>
/// The SQL of a listing search, built from checked criteria. Each filter is a condition the GIN
/// indexes of 0001_listings.sql answer (`&amp;&amp;` on the code arrays, `@@` on the search vector);
/// only parameters carry the client's values. Kept apart from the store so a test can EXPLAIN
/// exactly the query the API runs.
/// </summary>
public static class ListingSearchSql
{
    public static (string Sql, DynamicParameters Parameters) Build(ListingSearchCriteria criteria, ListingViewer viewer, DateTimeOffset now)
    {
        var parameters = new DynamicParameters();
        var where = new List<string>
        {
            "l.status = 'active'",
            "(l.valid_until IS NULL OR l.valid_until > @now)",
        };
        parameters.Add("now", now);

        // What ListingAccess.IsListed says, plus the caller's own organisations' listings, which
        // their members see even while held or hidden.
        if (!viewer.IsCoordinator)
        {
            where.Add("((l.hidden_at IS NULL AND o.status = 'verified') OR l.organisation_id = ANY(@memberOf))");
            parameters.Add("memberOf", viewer.Organisations.ToArray());
        }

        if (criteria.Kind is { } kind)
        {
            where.Add("l.kind = @kind");
            parameters.Add("kind", EnumCodes.Of(kind));
        }

        if (criteria.OrganisationId is { } organisationId)
        {
            where.Add("l.organisation_id = @organisationId");
            parameters.Add("organisationId", organisationId);
        }

        AnyOf("topics", criteria.Topics);
        AnyOf("regions", criteria.Regions);
        AnyOf("languages", criteria.Languages);
        AnyOf("target_groups", criteria.TargetGroups);

        // One more than asked for: its presence says there is a next page.
        parameters.Add("take", criteria.Limit + 1);
        return criteria.ByRelevance ? ByRelevance(criteria, where, parameters) : NewestFirst(criteria, where, parameters);

        void AnyOf(string column, IReadOnlyList<string> codes)
        {
            if (codes.Count > 0)
            {
                where.Add($"l.{column} && @{column}");
                parameters.Add(column, codes.ToArray());
            }
        }
    }

    private static (string Sql, DynamicParameters Parameters) NewestFirst(ListingSearchCriteria criteria, List<string> where, DynamicParameters parameters)
    {
        if (criteria.After is { } after)
        {
            where.Add("(l.created_at, l.id) < (@afterAt, @afterId)");
            parameters.Add("afterAt", DateTime.SpecifyKind(after.At, DateTimeKind.Utc));
            parameters.Add("afterId", after.Id);
        }

        var sql = new StringBuilder()
            .Append("SELECT ").Append(ListingRow.Columns).Append(" FROM ").Append(ListingRow.From()).Append(" WHERE ")
            .AppendJoin(" AND ", where)
            .Append(" ORDER BY l.created_at DESC, l.id DESC LIMIT @take")
            .ToString();
        return (sql, parameters);
    }

    /// <summary>
    /// The newest matches (numbered by newness), enough for <see cref="ListingSearch.RankedMatches"/> and
    /// the page; the first RankedMatches of them by ts_rank, ties newest first, then the rest newest first
    /// (<see cref="ListingSearch.RankedMatches"/> says why). For a common word PostgreSQL reads
    /// `listings_active_by_created` in order and stops at the last match it needs; for a rarer one it
    /// finds every match by the GIN index and ranks them all. Only the page's rows are read whole.
    /// </summary>
    private static (string Sql, DynamicParameters Parameters) ByRelevance(ListingSearchCriteria criteria, List<string> where, DynamicParameters parameters)
    {
        where.Add("l.search_vector @@ search_query(@words)");
        parameters.Add("words", criteria.Words.ToArray());
        parameters.Add("offset", criteria.Offset);
        parameters.Add("ranked", ListingSearch.RankedMatches);
        var sql = new StringBuilder()
            .Append("WITH matches AS (SELECT l.id, l.search_vector, row_number() OVER (ORDER BY l.created_at DESC, l.id DESC) AS newness FROM ")
            .Append(ListingRow.From()).Append(" WHERE ").AppendJoin(" AND ", where)
            .Append(" ORDER BY l.created_at DESC, l.id DESC LIMIT GREATEST(@ranked, @offset + @take)), ")
            .Append("page AS (SELECT id, newness, CASE WHEN newness <= @ranked THEN ts_rank(search_vector, search_query(@words)) END AS rank FROM matches ")
            .Append("ORDER BY rank DESC NULLS LAST, newness LIMIT @take OFFSET @offset) ")
            .Append("SELECT ").Append(ListingRow.Columns).Append(" FROM page JOIN ").Append(ListingRow.From()).Append(" ON l.id = page.id ")
            .Append("ORDER BY page.rank DESC NULLS LAST, page.newness")
            .ToString();
        return (sql, parameters);
    }
}
