using System.Globalization;

namespace Network.Events.Domain;

/// <summary>
/// Events happen in Germany: times are shown in Europe/Berlin (with the offset in force on that
/// day, +01:00 in winter and +02:00 in summer) and stored as UTC instants. A time sent with an
/// offset is that instant; a time sent without one is read as Berlin wall-clock time, and then the
/// hour that does not exist (the spring change, 02:00–03:00) and the hour that happens twice (the
/// autumn change, 02:00–03:00) are refused, since no one can tell which instant was meant.
/// </summary>
public static class BerlinTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    private static readonly string[] LocalFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF"];

    /// <summary>The instant in Berlin, with the offset in force then.</summary>
    public static DateTimeOffset ToBerlin(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    /// <summary>Reads an ISO 8601 time; null with a message saying what is wrong when it cannot be read unambiguously.</summary>
    public static (DateTimeOffset? Instant, string? Error) Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "Give a time in ISO 8601, e.g. 2027-03-22T09:00:00+01:00.");
        }

        text = text.Trim();
        if (HasOffset(text))
        {
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant)
                ? (instant.ToUniversalTime(), null)
                : (null, $"'{text}' is not an ISO 8601 time.");
        }

        if (!DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (null, $"'{text}' is not an ISO 8601 time.");
        }

        if (Zone.IsInvalidTime(local))
        {
            return (null, $"{text} does not exist in Berlin: the clocks skip that hour when summer time begins.");
        }

        if (Zone.IsAmbiguousTime(local))
        {
            return (null, $"{text} happens twice in Berlin when summer time ends; add the offset (+02:00 or +01:00).");
        }

        return (new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime(), null);
    }

    /// <summary>Whether the text ends with `Z` or `±hh:mm` after its time part.</summary>
    private static bool HasOffset(string text)
    {
        var timePart = text.IndexOf('T', StringComparison.OrdinalIgnoreCase);
        if (timePart < 0)
        {
            return false;
        }

        var time = text[(timePart + 1)..];
        return time.EndsWith('Z') || time.EndsWith('z') || time.Contains('+', StringComparison.Ordinal) || time.Contains('-', StringComparison.Ordinal);
    }
}
