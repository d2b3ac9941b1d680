using System.Text;

namespace Network.Web.Api;

/// <summary>
/// Search words and filters, as the pages carry them in their own address (so a search can be
/// shared and back/forward work) and as the API takes them.
/// </summary>
public sealed record Filters(string? Query, string? Kind, string? Region, string? Topic, string? Language)
{
    public bool Any => new[] { Query, Kind, Region, Topic, Language }.Any(v => !string.IsNullOrWhiteSpace(v));

    public string ToQuery(string? cursor)
    {
        var query = new StringBuilder("?limit=20");
        Add(query, "query", Query);
        Add(query, "kind", Kind);
        Add(query, "region", Region);
        Add(query, "topic", Topic);
        Add(query, "language", Language);
        Add(query, "cursor", cursor);
        return query.ToString();
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            query.Append('&').Append(name).Append('=').Append(Uri.EscapeDataString(value.Trim()));
        }
    }
}
