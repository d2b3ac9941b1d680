using Network.Web.Texts;

namespace Network.Web.Inbox;

/// <summary>When something arrived, on the clock of Germany (where the network works), in the page's language.</summary>
public static class InboxTime
{
    // Debian images carry tzdata; without it times are shown in UTC rather than not at all.
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc;

    public static string Show(DateTimeOffset at, Ui ui)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        return ui.IsEnglish
            ? local.ToString("d MMMM yyyy, HH:mm", ui.Culture)
            : local.ToString("d. MMMM yyyy, HH:mm", ui.Culture) + " Uhr";
    }

    /// <summary>The machine-readable time for the `datetime` attribute of `time`.</summary>
    public static string Machine(DateTimeOffset at) => at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
}
