using Network.Events.Domain;

namespace Network.Events.Tests.Domain;

public sealed class Reading_times_in_Berlin
{
    [Theory]
    // The day summer time begins in 2027 (28 March): 09:00 is then +02:00, the day before +01:00.
    [InlineData("2027-03-27T09:00", "2027-03-27T08:00:00Z")]
    [InlineData("2027-03-28T09:00", "2027-03-28T07:00:00Z")]
    // The day summer time ends in 2027 (31 October): 09:00 is then +01:00 again.
    [InlineData("2027-10-30T09:00", "2027-10-30T07:00:00Z")]
    [InlineData("2027-10-31T09:00", "2027-10-31T08:00:00Z")]
    [InlineData("2027-10-31T09:00:00+01:00", "2027-10-31T08:00:00Z")]
    [InlineData("2027-03-28T07:00:00Z", "2027-03-28T07:00:00Z")]
    public void Wall_clock_times_take_the_offset_in_force_that_day(string given, string expectedUtc)
    {
        var (instant, error) = BerlinTime.Parse(given);

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.Parse(expectedUtc, System.Globalization.CultureInfo.InvariantCulture), instant);
        Assert.Equal(TimeSpan.Zero, instant!.Value.Offset);
    }

    [Fact]
    public void The_hour_skipped_in_spring_does_not_exist()
    {
        var (instant, error) = BerlinTime.Parse("2027-03-28T02:30");

        Assert.Null(instant);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void The_hour_repeated_in_autumn_needs_an_offset()
    {
        var (instant, error) = BerlinTime.Parse("2027-10-31T02:30");
        var (withOffset, noError) = BerlinTime.Parse("2027-10-31T02:30:00+02:00");

        Assert.Null(instant);
        Assert.Contains("twice", error);
        Assert.Null(noError);
        Assert.Equal(new DateTimeOffset(2027, 10, 31, 0, 30, 0, TimeSpan.Zero), withOffset);
    }

    [Theory]
    [InlineData("")]
    [InlineData("morgen früh")]
    [InlineData("2027-13-01T09:00")]
    [InlineData("2027-03-28T25:00:00+01:00")]
    public void Anything_else_is_refused(string given)
    {
        var (instant, error) = BerlinTime.Parse(given);

        Assert.Null(instant);
        Assert.NotNull(error);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("0001-01-01T00:30")]
    [InlineData("0001-01-01T00:00:00+01:00")]
    [InlineData("1999-12-31T23:00:00Z")]
    [InlineData("2201-01-01T09:00")]
    [InlineData("9999-12-31T23:59")]
    public void Years_outside_2000_to_2200_are_refused_rather_than_thrown_on(string given)
    {
        var (instant, error) = BerlinTime.Parse(given);

        Assert.Null(instant);
        Assert.Contains("2000", error);
    }

    [Fact]
    public void A_plain_date_as_the_end_of_a_range_takes_in_the_whole_day()
    {
        var (end, error) = BerlinTime.ParseEnd("2027-03-28");
        var (withTime, _) = BerlinTime.ParseEnd("2027-03-28T12:00");

        Assert.Null(error);
        // The 29th begins at 00:00 Berlin summer time, 22:00 UTC on the 28th.
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 22, 0, 0, TimeSpan.Zero), end);
        Assert.Equal(new DateTimeOffset(2027, 3, 28, 10, 0, 0, TimeSpan.Zero), withTime);
    }

    [Fact]
    public void Instants_are_shown_with_the_offset_of_their_day()
    {
        Assert.Equal(TimeSpan.FromHours(2), BerlinTime.ToBerlin(new DateTimeOffset(2027, 3, 28, 7, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(TimeSpan.FromHours(1), BerlinTime.ToBerlin(new DateTimeOffset(2027, 10, 31, 8, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(9, BerlinTime.ToBerlin(new DateTimeOffset(2027, 10, 31, 8, 0, 0, TimeSpan.Zero)).Hour);
    }
}
