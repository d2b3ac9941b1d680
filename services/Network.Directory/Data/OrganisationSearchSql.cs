using System.Text;
using Dapper;
using Network.Directory.Domain;

namespace Network.Directory.Data;

/// <summary>
/// The SQL of a directory search, built from checked criteria. Each filter is a condition the GIN
/// indexes of 0003_organisations.sql answer (`&&` on the code arrays, `@@` on the search vector);
/// only parameters carry the client's values. Kept apart from the store so a test can EXPLAIN
/// exactly the query the API runs.
/// </summary>
public static class OrganisationSearchSql
{
    public static (string Sql, DynamicParameters Parameters) Build(OrganisationSearchCriteria criteria)
    {
        var parameters = new DynamicParameters();
        var where = new List<string> { "status = @status" };
        parameters.Add("status", EnumCodes.Of(criteria.Status));
        if (!criteria.IncludeHidden)
        {
            where.Add("hidden_at IS NULL");
        }

        if (criteria.Kind is { } kind)
        {
            where.Add("kind = @kind");
            parameters.Add("kind", EnumCodes.Of(kind));
        }

        AnyOf("regions", criteria.Regions);
        AnyOf("topics", criteria.Topics);
        AnyOf("languages", criteria.Languages);
        AnyOf("target_groups", criteria.TargetGroups);

        string order;
        if (criteria.ByRelevance)
        {
            where.Add("search_vector @@ search_query(@words)");
            parameters.Add("words", criteria.Words.ToArray());
            order = "ORDER BY ts_rank(search_vector, search_query(@words)) DESC, id LIMIT @take OFFSET @offset";
            parameters.Add("offset", criteria.After?.Offset ?? 0);
        }
        else
        {
            if (criteria.After is { Name: { } afterName, Id: { } afterId })
            {
                where.Add("(name, id) > (@afterName, @afterId)");
                parameters.Add("afterName", afterName);
                parameters.Add("afterId", afterId);
            }

            order = "ORDER BY name, id LIMIT @take";
        }

        // One more than asked for: its presence says there is a next page.
        parameters.Add("take", criteria.Limit + 1);
        var sql = new StringBuilder()
            .Append("SELECT ").Append(OrganisationRow.Columns).Append(" FROM organisations WHERE ")
            .AppendJoin(" AND ", where)
            .Append(' ').Append(order)
            .ToString();
        return (sql, parameters);

        void AnyOf(string column, IReadOnlyList<string> codes)
        {
            if (codes.Count > 0)
            {
                where.Add($"{column} && @{column}");
                parameters.Add(column, codes.ToArray());
            }
        }
    }
}
