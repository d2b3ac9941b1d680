namespace Network.ServiceDefaults.Tests.Support;

/// <summary>
/// Waits for something that happens eventually (a message arriving, a row changing) without
/// betting on how long it takes. It asserts nothing itself: the test asserts the state it finds
/// afterwards, so a failure shows what actually happened.
/// </summary>
internal static class Eventually
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(50);

    public static Task<bool> WaitUntilAsync(Func<bool> condition) => WaitUntilAsync(() => Task.FromResult(condition()));

    public static async Task<bool> WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow + Deadline;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow >= deadline)
            {
                return false;
            }

            await Task.Delay(Interval);
        }

        return true;
    }
}
