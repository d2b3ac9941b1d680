using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Network.ServiceDefaults.Http;

/// <summary>A page of a list: the items and, when there are more, the cursor that fetches the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);

/// <summary>
/// Keyset paging as shared/API.md describes it: `limit` (default 20, at most 100) and an opaque
/// `cursor` that encodes the sort key of the last item seen, so pages stay stable while new items
/// arrive and deep pages cost no more than the first.
/// </summary>
public static class Paging
{
    public const int DefaultLimit = 20;
    public const int MaximumLimit = 100;

    /// <summary>Checks `limit` and `cursor`; any fault is added to <paramref name="errors"/> under its parameter name.</summary>
    public static (int Limit, (DateTime At, Guid Id)? After) Read(int? limit, string? cursor, IDictionary<string, string[]> errors)
    {
        var effectiveLimit = limit ?? DefaultLimit;
        if (effectiveLimit is < 1 or > MaximumLimit)
        {
            errors["limit"] = [$"The limit must be between 1 and {MaximumLimit}."];
        }

        (DateTime, Guid)? after = null;
        if (!string.IsNullOrEmpty(cursor))
        {
            after = DecodeCursor(cursor);
            if (after is null)
            {
                errors["cursor"] = ["The cursor is not one this list handed out."];
            }
        }

        return (effectiveLimit, after);
    }

    public static string EncodeCursor(DateTime at, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(at.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture) + "_" + id.ToString("N")));

    public static (DateTime At, Guid Id)? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var parts = text.Split('_');
            if (parts.Length == 2
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks is > 0 and <= 3155378975999999999
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                return (new DateTime(ticks, DateTimeKind.Utc), id);
            }
        }
        catch (FormatException)
        {
            // Not base64url: not one of ours.
        }

        return null;
    }

    /// <summary>Builds the page from up to limit + 1 rows: the extra row only tells that there is more.</summary>
    public static Page<T> ToPage<T>(IReadOnlyList<T> rows, int limit, Func<T, (DateTime At, Guid Id)> key)
    {
        if (rows.Count <= limit)
        {
            return new Page<T>(rows, null);
        }

        var items = rows.Take(limit).ToList();
        var (at, id) = key(items[^1]);
        return new Page<T>(items, EncodeCursor(at, id));
    }
}
