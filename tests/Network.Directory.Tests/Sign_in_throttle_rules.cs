using Network.Directory.Domain;

namespace Network.Directory.Tests;

public sealed class Sign_in_throttle_rules
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Nine_failures_in_a_row_leave_the_account_open()
    {
        var state = Fail(SignInState.Fresh, Start, 9);

        Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, Start));
    }

    [Fact]
    public void Ten_failures_in_a_row_lock_the_account_for_fifteen_minutes()
    {
        var state = Fail(SignInState.Fresh, Start, 10);

        var locked = Assert.IsType<SignInAttempt.Locked>(SignInThrottle.Begin(state, Start));
        Assert.Equal(TimeSpan.FromMinutes(15), locked.RetryAfter);
        Assert.Equal(TimeSpan.FromMinutes(5), Assert.IsType<SignInAttempt.Locked>(SignInThrottle.Begin(state, Start.AddMinutes(10))).RetryAfter);
    }

    [Fact]
    public void When_the_lock_ends_there_are_ten_tries_again()
    {
        var afterLock = Start + SignInThrottle.LockDuration;
        var state = Fail(Fail(SignInState.Fresh, Start, 10), afterLock, 9);

        Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, afterLock));
        Assert.IsType<SignInAttempt.Locked>(SignInThrottle.Begin(Fail(state, afterLock, 1), afterLock));
    }

    [Fact]
    public void A_success_starts_the_count_again()
    {
        var state = Fail(SignInState.Fresh, Start, 9);
        state = Succeed(state, Start);
        state = Fail(state, Start, 9);

        Assert.Equal(9, state.ConsecutiveFailures);
        Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, Start));
    }

    [Fact]
    public void The_right_password_on_the_tenth_try_leaves_the_account_open()
    {
        var state = Fail(SignInState.Fresh, Start, 9);
        state = Succeed(state, Start);

        Assert.Null(state.LockedUntil);
        Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, Start));
    }

    [Fact]
    public void Tries_sent_all_at_once_are_counted_before_any_password_is_checked()
    {
        // Ten tries begun before the first answer: the eleventh is locked out although none has failed yet.
        var state = SignInState.Fresh;
        for (var i = 0; i < SignInThrottle.ConsecutiveFailuresBeforeLock; i++)
        {
            state = Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, Start)).State;
        }

        Assert.IsType<SignInAttempt.Locked>(SignInThrottle.Begin(state, Start));
    }

    [Fact]
    public void Fifty_failures_in_an_hour_lock_the_account_to_the_end_of_the_hour_even_with_successes_between()
    {
        var state = SignInState.Fresh;
        var now = Start;
        for (var failures = 0; failures < SignInThrottle.FailuresPerWindow;)
        {
            var batch = Math.Min(5, SignInThrottle.FailuresPerWindow - failures);
            state = Succeed(state, now);
            state = Fail(state, now, batch);
            failures += batch;
            now = now.AddMinutes(1);
        }

        var locked = Assert.IsType<SignInAttempt.Locked>(SignInThrottle.Begin(state, now));
        Assert.Equal(Start + SignInThrottle.Window - now, locked.RetryAfter);
    }

    /// <summary>
    /// An attacker tries a password every ten seconds for six hours, as soon as the account lets
    /// them; the owner signs in successfully every few minutes (or never), which starts the count
    /// of failures in a row again each time.
    /// </summary>
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(14)]
    [InlineData(16)]
    public void At_most_100_tries_in_any_hour(int ownerSignsInEveryMinutes)
    {
        var state = SignInState.Fresh;
        var attackerTries = new List<DateTimeOffset>();
        for (var now = Start; now < Start.AddHours(6); now = now.AddSeconds(10))
        {
            if (ownerSignsInEveryMinutes > 0 && (now - Start).TotalSeconds % (ownerSignsInEveryMinutes * 60) == 0
                && SignInThrottle.Begin(state, now) is SignInAttempt.Allowed owner)
            {
                state = SignInThrottle.Succeeded(owner.State, now);
            }

            if (SignInThrottle.Begin(state, now) is SignInAttempt.Allowed attacker)
            {
                state = attacker.State;
                attackerTries.Add(now);
            }
        }

        var busiestHour = attackerTries.Max(from => attackerTries.Count(at => at >= from && at < from + TimeSpan.FromHours(1)));
        Assert.InRange(busiestHour, SignInThrottle.ConsecutiveFailuresBeforeLock, 100);
    }

    private static SignInState Fail(SignInState state, DateTimeOffset now, int times)
    {
        for (var i = 0; i < times; i++)
        {
            state = Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, now)).State;
        }

        return state;
    }

    private static SignInState Succeed(SignInState state, DateTimeOffset now) =>
        SignInThrottle.Succeeded(Assert.IsType<SignInAttempt.Allowed>(SignInThrottle.Begin(state, now)).State, now);
}
