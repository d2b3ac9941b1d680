namespace Network.ServiceDefaults.Tests.Moderation;

/// <summary>A clock the test moves: each reading is one second after the previous, from a fixed start.</summary>
internal sealed class SteppingClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset next = start;

    public override DateTimeOffset GetUtcNow()
    {
        var now = next;
        next = next.AddSeconds(1);
        return now;
    }
}
