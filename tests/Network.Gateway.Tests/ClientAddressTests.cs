using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Network.Gateway.Tests;

/// <summary>
/// Whose budget a request uses: the web front end's calls count for the person it names, other
/// callers cannot name someone else.
/// </summary>
public sealed class ClientAddressTests
{
    private static ClientAddress Trusting(string? setting) => ClientAddress.From(
        new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [ClientAddress.TrustedProxiesSetting] = setting }).Build());

    private static HttpContext Request(string remote, string? forwardedFor = null)
    {
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        return context;
    }

    [Fact]
    public void A_trusted_proxy_names_the_person_it_calls_for()
    {
        var addresses = Trusting(null);

        Assert.Equal("203.0.113.7", addresses.Of(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("203.0.113.8", addresses.Of(Request("::1", "203.0.113.8")));
    }

    [Fact]
    public void Only_the_right_most_untrusted_address_counts_since_the_rest_was_written_by_the_client()
    {
        var addresses = Trusting("10.0.0.0/8");

        // The client wrote 198.51.100.1 itself; the load balancer (10.0.0.5) added 203.0.113.7 and the web front end (10.0.0.9) passed it on.
        Assert.Equal("203.0.113.7", addresses.Of(Request("10.0.0.9", "198.51.100.1, 203.0.113.7, 10.0.0.5")));
    }

    [Fact]
    public void Anyone_else_is_counted_by_their_own_address_whatever_the_header_says()
    {
        var addresses = Trusting(null);

        Assert.Equal("198.51.100.20", addresses.Of(Request("198.51.100.20", "203.0.113.7")));
        Assert.Equal("198.51.100.20", addresses.Of(Request("198.51.100.20")));
    }

    [Fact]
    public void An_empty_setting_trusts_no_one_and_a_wrong_entry_stops_the_gateway_with_its_name()
    {
        Assert.Equal("127.0.0.1", Trusting("").Of(Request("127.0.0.1", "203.0.113.7")));
        Assert.Equal("127.0.0.1", Trusting(null).Of(Request("127.0.0.1", "not-an-address")));

        var error = Assert.Throws<InvalidOperationException>(() => Trusting("10.0.0.0/8, pod-network"));
        Assert.Contains("pod-network", error.Message);
    }
}
