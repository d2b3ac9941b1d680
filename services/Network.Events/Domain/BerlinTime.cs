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

    /// <summary>The years a time may fall in: wide enough for any event, narrow enough that every offset arithmetic stays in range.</summary>
    public const int FirstYear = 2000;

    public const int LastYear = 2200;

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
        // Before any parsing: early years make the offset arithmetic throw or fail obscurely.
        if (text.Length >= 4 && int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year) && !IsInRange(year))
        {
            return (null, OutOfRange(text));
        }

        if (HasOffset(text))
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
            {
                return (null, $"'{text}' is not an ISO 8601 time.");
            }

            return IsInRange(instant.Year) ? (instant.ToUniversalTime(), null) : (null, OutOfRange(text));
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

    /// <summary>Whether the text is a date without a time (2027-03-28).</summary>
    public static bool IsPlainDate(string? text) =>
        DateTime.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    /// <summary>
    /// Reads the end of a range: a plain date means the whole of that day, so up to the start of
    /// the next day in Berlin; anything else as <see cref="Parse"/> reads it.
    /// </summary>
    public static (DateTimeOffset? Instant, string? Error) ParseEnd(string? text)
    {
        var (instant, error) = Parse(text);
        if (instant is null || !IsPlainDate(text))
        {
            return (instant, error);
        }

        var nextDay = DateTime.ParseExact(text!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(1);
        return IsInRange(nextDay.Year)
            ? (new DateTimeOffset(nextDay, Zone.GetUtcOffset(nextDay)).ToUniversalTime(), null)
            : (null, OutOfRange(text));
    }

    private static bool IsInRange(int year) => year is >= FirstYear and <= LastYear;

    private static string OutOfRange(string text) => $"{text} is outside the years {FirstYear} to {LastYear}.";

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
