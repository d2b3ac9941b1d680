using Microsoft.AspNetCore.HttpOverrides;

namespace Network.Web.Api;

/// <summary>
/// Names the address of the person a page is for in `X-Forwarded-For` when the page calls the API:
/// the gateway counts its rate limit per client, and without this every visitor who is not signed in
/// would share the web front end's one address, and so one budget. The gateway believes the header
/// only from proxies it trusts (NETWORK_GATEWAY_TRUSTED_PROXIES).
/// </summary>
public sealed class ForwardedForHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        // After UseForwardedHeaders, the remote address is the person's, as the gateway passed it on.
        if (accessor.HttpContext?.Connection.RemoteIpAddress is { } address)
        {
            request.Headers.Remove(ForwardedHeadersDefaults.XForwardedForHeaderName);
            request.Headers.TryAddWithoutValidation(ForwardedHeadersDefaults.XForwardedForHeaderName, address.ToString());
        }

        return base.SendAsync(request, cancellationToken);
    }
}
