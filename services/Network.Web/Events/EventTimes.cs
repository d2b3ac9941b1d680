using Network.Web.Texts;

namespace Network.Web.Events;

/// <summary>
/// Times of events as people in the network read them: in Berlin time (whatever the server's clock
/// zone), with the day written out, in the page's language.
/// </summary>
public static class EventTimes
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public static DateTimeOffset InBerlin(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Berlin);

    public static DateOnly DayInBerlin(DateTimeOffset at) => DateOnly.FromDateTime(InBerlin(at).DateTime);

    public static DateOnly TodayInBerlin() => DayInBerlin(DateTimeOffset.UtcNow);

    public static string Day(Ui ui, DateTimeOffset at) => InBerlin(at).ToString(ui["events.format.day"], ui.Culture);

    public static string Day(Ui ui, DateOnly day) => day.ToString(ui["events.format.day"], ui.Culture);

    public static string Time(Ui ui, DateTimeOffset at) => InBerlin(at).ToString("HH:mm", ui.Culture);

    /// <summary>"Tuesday 1 December 2026, 18:00 to 20:00", or both days written out when it ends on another.</summary>
    public static string Span(Ui ui, DateTimeOffset startsAt, DateTimeOffset endsAt) =>
        DayInBerlin(startsAt) == DayInBerlin(endsAt)
            ? ui.Format("events.time.sameDay", Day(ui, startsAt), Time(ui, startsAt), Time(ui, endsAt))
            : ui.Format("events.time.severalDays", Day(ui, startsAt), Time(ui, startsAt), Day(ui, endsAt), Time(ui, endsAt));

    /// <summary>A moment, such as the registration deadline: "Tuesday 1 December 2026, 23:59".</summary>
    public static string Moment(Ui ui, DateTimeOffset at) => ui.Format("events.time.moment", Day(ui, at), Time(ui, at));

    /// <summary>The value of a `datetime` attribute: the instant with its Berlin offset.</summary>
    public static string Machine(DateTimeOffset at) => InBerlin(at).ToString("yyyy-MM-ddTHH:mmzzz", System.Globalization.CultureInfo.InvariantCulture);
}
