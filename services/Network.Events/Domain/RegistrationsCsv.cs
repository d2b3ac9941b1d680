using System.Globalization;
using System.Text;

namespace Network.Events.Domain;

/// <summary>One row of the organiser's export.</summary>
public sealed record RegistrationListing(
    Guid Id,
    string? ParticipantName,
    Guid? AccountId,
    Guid? OrganisationId,
    string? OrganisationName,
    RegistrationStatus Status,
    int? WaitlistPosition,
    IReadOnlyList<Guid>? SessionIds,
    IReadOnlyList<Guid> AttendedSessionIds,
    DateTimeOffset CreatedAt)
{
    public int SessionsAttended => AttendedSessionIds.Count;
}

/// <summary>
/// The organiser's export as CSV (RFC 4180): comma-separated, CRLF, fields quoted when needed, a
/// header row, UTF-8. A field that a spreadsheet would read as a formula (=, +, -, @ first) gets a
/// leading apostrophe, so a name typed by a registrant cannot run in the organiser's spreadsheet.
/// </summary>
public static class RegistrationsCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string Write(IEnumerable<RegistrationListing> rows)
    {
        var csv = new StringBuilder();
        Row(csv, ["id", "participantName", "organisationId", "organisationName", "status", "waitlistPosition", "sessions", "sessionsAttended", "registeredAt"]);
        foreach (var row in rows)
        {
            Row(csv,
            [
                row.Id.ToString(),
                row.ParticipantName ?? string.Empty,
                row.OrganisationId?.ToString() ?? string.Empty,
                row.OrganisationName ?? string.Empty,
                EnumCodes.Of(row.Status),
                row.WaitlistPosition?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
                row.SessionIds is null ? "all" : string.Join(' ', row.SessionIds),
                row.SessionsAttended.ToString(CultureInfo.InvariantCulture),
                BerlinTime.ToBerlin(row.CreatedAt).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ]);
        }

        return csv.ToString();
    }

    public static string Field(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value != value.Trim()
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;
    }

    private static void Row(StringBuilder csv, IEnumerable<string> fields) => csv.Append(string.Join(',', fields.Select(Field))).Append("\r\n");
}
