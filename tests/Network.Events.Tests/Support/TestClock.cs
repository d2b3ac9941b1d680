namespace Network.Events.Tests.Support;

/// <summary>The service's clock, moved by the test: sessions that were ahead can be made to lie behind, without waiting.</summary>
public sealed class TestClock : TimeProvider
{
    private readonly Lock guard = new();
    private DateTimeOffset now = DateTimeOffset.UtcNow;

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
