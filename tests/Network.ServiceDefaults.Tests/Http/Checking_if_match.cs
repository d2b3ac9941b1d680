using Microsoft.AspNetCore.Http;
using Network.ServiceDefaults.Http;

namespace Network.ServiceDefaults.Tests.Http;

public sealed class Checking_if_match
{
    [Fact]
    public void The_etag_is_the_version_as_a_strong_tag() => Assert.Equal("\"7\"", ETags.For(7));

    [Theory]
    [InlineData(null, IfMatchOutcome.Missing)]
    [InlineData("", IfMatchOutcome.Missing)]
    [InlineData("\"7\"", IfMatchOutcome.Matches)]
    [InlineData("\"6\", \"7\"", IfMatchOutcome.Matches)]
    [InlineData("*", IfMatchOutcome.Matches)]
    [InlineData("\"6\"", IfMatchOutcome.Stale)]
    [InlineData("W/\"7\"", IfMatchOutcome.Stale)]
    [InlineData("7", IfMatchOutcome.Stale)]
    [InlineData("\"07\"", IfMatchOutcome.Stale)]
    public void If_match_is_compared_strongly_with_the_current_version(string? header, IfMatchOutcome expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.IfMatch = header;
        }

        Assert.Equal(expected, ETags.CheckIfMatch(context.Request, 7));
    }
}
