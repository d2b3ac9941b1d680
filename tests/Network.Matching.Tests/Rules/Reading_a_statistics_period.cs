using Network.Matching.Domain;

namespace Network.Matching.Tests.Rules;

public sealed class Reading_a_statistics_period
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Without_months_it_is_the_last_twelve_up_to_this_one()
    {
        var (period, _) = StatisticsPeriod.Read(null, null, Now);

        Assert.Equal(new DateOnly(2025, 12, 1), period!.FirstMonth);
        Assert.Equal(new DateOnly(2026, 11, 1), period.LastMonth);
        Assert.Equal(12, period.Months().Count());
    }

    [Fact]
    public void This_month_is_Berlins_month()
    {
        // 23:30 UTC on 31 October is already November in Berlin.
        var (period, _) = StatisticsPeriod.Read(null, null, new DateTimeOffset(2026, 10, 31, 23, 30, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 1), period!.LastMonth);
    }

    [Fact]
    public void Months_start_at_midnight_in_Berlin_in_winter_and_in_summer()
    {
        var (winter, _) = StatisticsPeriod.Read("2026-01", "2026-01", Now);
        var (summer, _) = StatisticsPeriod.Read("2026-07", "2026-07", Now);

        Assert.Equal(new DateTimeOffset(2025, 12, 31, 23, 0, 0, TimeSpan.Zero), winter!.Start);
        Assert.Equal(new DateTimeOffset(2026, 1, 31, 23, 0, 0, TimeSpan.Zero), winter.End);
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 22, 0, 0, TimeSpan.Zero), summer!.Start);
    }

    [Theory]
    [InlineData("2026-13", null, "from")]
    [InlineData("26-01", null, "from")]
    [InlineData(null, "November", "to")]
    [InlineData("2026-11", "2026-10", "from")]
    [InlineData("2020-01", "2026-11", "from")]
    [InlineData("9999-01", "2026-11", "from")]
    [InlineData(null, "9999-12", "to")]
    public void Bad_months_are_refused_naming_the_parameter(string? from, string? to, string field)
    {
        var (period, errors) = StatisticsPeriod.Read(from, to, Now);

        Assert.Null(period);
        Assert.Equal([field], errors.Keys);
    }
}
