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

        string order;
        if (criteria.ByRelevance)
        {
            where.Add("l.search_vector @@ search_query(@words)");
            parameters.Add("words", criteria.Words.ToArray());
            order = "ORDER BY ts_rank(l.search_vector, search_query(@words)) DESC, l.id LIMIT @take OFFSET @offset";
            parameters.Add("offset", criteria.Offset);
        }
        else
        {
            if (criteria.After is { } after)
            {
                where.Add("(l.created_at, l.id) < (@afterAt, @afterId)");
                parameters.Add("afterAt", DateTime.SpecifyKind(after.At, DateTimeKind.Utc));
                parameters.Add("afterId", after.Id);
            }

            order = "ORDER BY l.created_at DESC, l.id DESC LIMIT @take";
        }

        // One more than asked for: its presence says there is a next page.
        parameters.Add("take", criteria.Limit + 1);
        var sql = new StringBuilder()
            .Append("SELECT ").Append(ListingRow.Columns).Append(" FROM ").Append(ListingRow.From()).Append(" WHERE ")
            .AppendJoin(" AND ", where)
            .Append(' ').Append(order)
            .ToString();
        return (sql, parameters);

        void AnyOf(string column, IReadOnlyList<string> codes)
        {
            if (codes.Count > 0)
            {
                where.Add($"l.{column} && @{column}");
                parameters.Add(column, codes.ToArray());
            }
        }
    }
}
