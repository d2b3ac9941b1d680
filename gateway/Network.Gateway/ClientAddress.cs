using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Network.Gateway;

/// <summary>
/// Whom a request comes from, for the rate limit. Usually the connection's remote address. The web
/// front end calls the API for everyone who opens a page, so all its calls would share one address
/// and one budget: it names the person's address in `X-Forwarded-For`, and the gateway believes
/// that header only from the proxies it trusts (NETWORK_GATEWAY_TRUSTED_PROXIES; by default this
/// machine, where `make up` runs the web front end). From anyone else the header is ignored, so a
/// client cannot escape its own limit by naming other addresses.
/// </summary>
internal sealed class ClientAddress
{
    public const string TrustedProxiesSetting = "NETWORK_GATEWAY_TRUSTED_PROXIES";
    public const string DefaultTrustedProxies = "127.0.0.0/8,::1/128";

    private readonly IReadOnlyList<System.Net.IPNetwork> trusted;

    public ClientAddress(IReadOnlyList<System.Net.IPNetwork> trusted) => this.trusted = trusted;

    /// <summary>The networks in the setting: addresses or CIDR networks, separated by commas; an empty value trusts no one.</summary>
    public static ClientAddress From(IConfiguration configuration)
    {
        var value = configuration[TrustedProxiesSetting] ?? DefaultTrustedProxies;
        var networks = new List<System.Net.IPNetwork>();
        foreach (var entry in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(entry, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                networks.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new InvalidOperationException($"{TrustedProxiesSetting}: '{entry}' is neither an IP address nor a network such as 10.0.0.0/8.");
            }
        }

        return new ClientAddress(networks);
    }

    public string Of(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IsTrusted(remote))
        {
            return remote?.ToString() ?? "unknown";
        }

        // The right-most address a trusted proxy did not add itself is the client's: entries further
        // left were written by whoever sent the request and prove nothing.
        var forwarded = context.Request.Headers[ForwardedHeadersDefaults.XForwardedForHeaderName].ToString()
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = forwarded.Length - 1; i >= 0; i--)
        {
            if (!IPAddress.TryParse(forwarded[i], out var address))
            {
                break;
            }

            if (!IsTrusted(address))
            {
                return address.ToString();
            }
        }

        return remote.ToString();
    }

    private bool IsTrusted(IPAddress address)
    {
        var normalised = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return trusted.Any(network => network.Contains(normalised));
    }
}
