using System.Globalization;

namespace Network.Matching.Domain;

/// <summary>
/// The months a statistics request covers, as calendar months in Berlin (the network's time): `from`
/// and `to` as `yyyy-MM`, both included. Without them, the last twelve months up to this one.
/// </summary>
public sealed record StatisticsPeriod(DateOnly FirstMonth, DateOnly LastMonth)
{
    public const int MaximumMonths = 36;

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static (StatisticsPeriod? Period, Dictionary<string, string[]> Errors) Read(string? from, string? to, DateTimeOffset now)
    {
        var errors = new Dictionary<string, string[]>();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Berlin).DateTime);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var latest = thisMonth.AddYears(1);
        var last = Month(to, "to", latest, errors) ?? thisMonth;
        var first = Month(from, "from", latest, errors) ?? last.AddMonths(-11);
        if (errors.Count == 0)
        {
            if (first > last)
            {
                errors["from"] = ["The first month must not come after the last."];
            }
            else if (MonthsBetween(first, last) > MaximumMonths)
            {
                errors["from"] = [$"At most {MaximumMonths} months at a time."];
            }
        }

        return errors.Count > 0 ? (null, errors) : (new StatisticsPeriod(first, last), errors);
    }

    /// <summary>Every month of the period, first to last.</summary>
    public IEnumerable<DateOnly> Months()
    {
        for (var month = FirstMonth; month <= LastMonth; month = month.AddMonths(1))
        {
            yield return month;
        }
    }

    /// <summary>The instant the period starts, in UTC: midnight of the first month's first day in Berlin.</summary>
    public DateTimeOffset Start => StartOf(FirstMonth);

    /// <summary>The instant after the period ends, in UTC.</summary>
    public DateTimeOffset End => StartOf(LastMonth.AddMonths(1));

    private static DateTimeOffset StartOf(DateOnly month)
    {
        var local = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local));
    }

    private static int MonthsBetween(DateOnly first, DateOnly last) => ((last.Year - first.Year) * 12) + last.Month - first.Month + 1;

    /// <summary>A month from `yyyy-MM`, from 2000 up to <paramref name="latest"/> (a year from now: nothing later has happened or is planned).</summary>
    private static DateOnly? Month(string? value, string field, DateOnly latest, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month) && month.Year >= 2000)
        {
            if (month <= latest)
            {
                return month;
            }

            errors[field] = [$"Give a month up to {latest:yyyy-MM}."];
            return null;
        }

        errors[field] = ["Give a month as yyyy-MM, for example 2026-11."];
        return null;
    }
}
