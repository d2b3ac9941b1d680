namespace Network.Directory.Domain;

/// <summary>
/// What the accounts table keeps about recent password sign-ins of one account: the failures in a
/// row, the current lock, and the failures in the current hour-long window.
/// </summary>
public sealed record SignInState(int ConsecutiveFailures, DateTimeOffset? LockedUntil, int FailuresInWindow, DateTimeOffset? WindowStartedAt)
{
    public static readonly SignInState Fresh = new(0, null, 0, null);
}

/// <summary>The answer to "may this account try a password now?".</summary>
public abstract record SignInAttempt
{
    /// <summary>The password may be checked; <paramref name="State"/> already counts this try as a failure.</summary>
    public sealed record Allowed(SignInState State) : SignInAttempt;

    /// <summary>Locked: no password is checked, whatever it is, until the lock ends.</summary>
    public sealed record Locked(TimeSpan RetryAfter) : SignInAttempt;
}

/// <summary>
/// Limits how many passwords can be tried against one account, so guessing one is hopeless:
/// <list type="bullet">
/// <item>ten failures in a row lock the account for fifteen minutes; a success starts the count
/// again. This is the rule people meet when they have forgotten their password.</item>
/// <item>at most fifty failures in an hour-long window, whatever successes come between. Without
/// it, an attacker trying while the owner signs in now and then would get nine more tries after
/// each of the owner's sign-ins. Windows follow each other without overlapping, so any hour
/// touches at most two of them: never more than 100 tries an hour.</item>
/// </list>
/// A try counts as a failure before its password is checked, and is taken back when the password
/// was right, so tries sent all at once cannot slip past the count while the first are checked.
/// </summary>
public static class SignInThrottle
{
    public const int ConsecutiveFailuresBeforeLock = 10;
    public const int FailuresPerWindow = 50;

    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    public static SignInAttempt Begin(SignInState state, DateTimeOffset now)
    {
        if (state.LockedUntil is { } lockedUntil && lockedUntil > now)
        {
            return new SignInAttempt.Locked(lockedUntil - now);
        }

        // A lock that has run out is served: the person gets a fresh run of tries.
        var consecutive = (state.LockedUntil is null ? state.ConsecutiveFailures : 0) + 1;
        var (windowStartedAt, failuresInWindow) = CurrentWindow(state, now);
        failuresInWindow++;

        DateTimeOffset? lockUntil = null;
        if (consecutive >= ConsecutiveFailuresBeforeLock)
        {
            lockUntil = now + LockDuration;
        }

        if (failuresInWindow >= FailuresPerWindow)
        {
            var windowEnd = windowStartedAt + Window;
            lockUntil = lockUntil is { } earlier && earlier > windowEnd ? earlier : windowEnd;
        }

        return new SignInAttempt.Allowed(new SignInState(consecutive, lockUntil, failuresInWindow, windowStartedAt));
    }

    /// <summary>
    /// The state after a right password: <paramref name="state"/> is the one stored now, which
    /// counts this try (and any tried at the same time) as failures.
    /// </summary>
    public static SignInState Succeeded(SignInState state, DateTimeOffset now)
    {
        var (windowStartedAt, failuresInWindow) = CurrentWindow(state, now);
        failuresInWindow = Math.Max(0, failuresInWindow - 1);
        DateTimeOffset? lockUntil = failuresInWindow >= FailuresPerWindow ? windowStartedAt + Window : null;
        return new SignInState(0, lockUntil, failuresInWindow, failuresInWindow == 0 ? null : windowStartedAt);
    }

    private static (DateTimeOffset StartedAt, int Failures) CurrentWindow(SignInState state, DateTimeOffset now) =>
        state.WindowStartedAt is { } startedAt && now - startedAt < Window
            ? (startedAt, state.FailuresInWindow)
            : (now, 0);
}
