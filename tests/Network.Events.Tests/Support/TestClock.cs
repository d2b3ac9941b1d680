namespace Network.Events.Tests.Support;

/// <summary>
/// The service's clock, moved by the test: sessions that were ahead can be made to lie behind,
/// without waiting. It starts at a fixed instant, never the real date, so tests that name dates
/// (summer time in March 2027, say) mean the same whenever they run.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>A Monday in Berlin's winter time, well before the 2027 dates the tests name.</summary>
    public static readonly DateTimeOffset Start = new(2027, 1, 4, 10, 0, 0, TimeSpan.Zero);

    private readonly Lock guard = new();
    private DateTimeOffset now = Start;

    public override DateTimeOffset GetUtcNow()
    {
        lock (guard)
        {
            return now;
        }
    }

    public void Advance(TimeSpan by)
    {
        lock (guard)
        {
            now += by;
        }
    }
}
