using System.Globalization;
using System.Text;

namespace Network.Events.Domain;

/// <summary>One entry of a calendar: a session of an event.</summary>
public sealed record CalendarEntry(
    string Uid,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    string Summary,
    string Description,
    string? Location,
    string Url,
    bool Cancelled,
    int Sequence,
    DateTimeOffset LastModified);

/// <summary>
/// Writes iCalendar (RFC 5545) by hand, since no calendar library is available: lines end in CRLF,
/// lines longer than 75 octets are folded (CRLF and a space) without splitting a UTF-8 character,
/// text is escaped, and every time is in UTC (`...Z`), which needs no VTIMEZONE and which every
/// calendar shows in its reader's own zone (so a session at 09:00 in Berlin stays 09:00 in Berlin
/// on both sides of a change to or from summer time).
/// </summary>
public static class ICalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";
    private const int MaximumLineOctets = 75;

    public static string Write(string calendarName, IEnumerable<CalendarEntry> entries, DateTimeOffset stamp)
    {
        var calendar = new StringBuilder();
        Line(calendar, "BEGIN:VCALENDAR");
        Line(calendar, "VERSION:2.0");
        Line(calendar, "PRODID:-//Network//Events//DE");
        Line(calendar, "CALSCALE:GREGORIAN");
        Line(calendar, "METHOD:PUBLISH");
        Line(calendar, "X-WR-CALNAME:" + EscapeText(calendarName));
        Line(calendar, "X-WR-TIMEZONE:Europe/Berlin");
        foreach (var entry in entries)
        {
            Line(calendar, "BEGIN:VEVENT");
            Line(calendar, "UID:" + entry.Uid);
            Line(calendar, "DTSTAMP:" + Utc(stamp));
            Line(calendar, "DTSTART:" + Utc(entry.StartsAt));
            Line(calendar, "DTEND:" + Utc(entry.EndsAt));
            Line(calendar, "LAST-MODIFIED:" + Utc(entry.LastModified));
            Line(calendar, "SEQUENCE:" + entry.Sequence.ToString(CultureInfo.InvariantCulture));
            Line(calendar, "STATUS:" + (entry.Cancelled ? "CANCELLED" : "CONFIRMED"));
            Line(calendar, "SUMMARY:" + EscapeText(entry.Summary));
            Line(calendar, "DESCRIPTION:" + EscapeText(entry.Description));
            if (entry.Location is not null)
            {
                Line(calendar, "LOCATION:" + EscapeText(entry.Location));
            }

            Line(calendar, "URL:" + entry.Url);
            Line(calendar, "END:VEVENT");
        }

        Line(calendar, "END:VCALENDAR");
        return calendar.ToString();
    }

    /// <summary>A UTC DATE-TIME (RFC 5545, 3.3.5, form 2).</summary>
    public static string Utc(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>TEXT escaping (RFC 5545, 3.3.11): backslash, semicolon, comma and line breaks.</summary>
    public static string EscapeText(string text) => text
        .Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace(";", "\\;", StringComparison.Ordinal)
        .Replace(",", "\\,", StringComparison.Ordinal)
        .Replace("\r\n", "\\n", StringComparison.Ordinal)
        .Replace("\n", "\\n", StringComparison.Ordinal)
        .Replace("\r", "\\n", StringComparison.Ordinal);

    /// <summary>Appends a content line, folded so that no line exceeds 75 octets (RFC 5545, 3.1).</summary>
    private static void Line(StringBuilder calendar, string line)
    {
        var octets = 0;
        // The first line holds 75 octets; a continuation line starts with a space, so holds 74 more.
        var limit = MaximumLineOctets;
        var index = 0;
        while (index < line.Length)
        {
            var length = char.IsHighSurrogate(line[index]) && index + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(index, length));
            if (octets + size > limit)
            {
                calendar.Append("\r\n ");
                octets = 1;
            }

            calendar.Append(line, index, length);
            octets += size;
            index += length;
        }

        calendar.Append("\r\n");
    }
}
