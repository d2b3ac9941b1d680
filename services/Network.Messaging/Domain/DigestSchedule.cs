namespace Network.Messaging.Domain;

/// <summary>
/// When the daily digest goes out: once a day at a fixed hour (UTC). Everything meant for the digest
/// that was written before the latest such hour is due; what comes later waits for the next day.
/// </summary>
public sealed record DigestSchedule(int HourUtc)
{
    public const int DefaultHourUtc = 6;

    /// <summary>The latest digest time at or before <paramref name="now"/>.</summary>
    public DateTimeOffset LatestCutoff(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        var today = new DateTimeOffset(utc.Year, utc.Month, utc.Day, HourUtc, 0, 0, TimeSpan.Zero);
        return today <= utc ? today : today.AddDays(-1);
    }
}
