using System.Net.Http.Headers;
using Network.Web.Account;

namespace Network.Web.Api;

/// <summary>Sends the signed-in person's access token (checked fresh by <see cref="Session"/>) with every API call.</summary>
public sealed class AccessTokenHandler(IHttpContextAccessor accessor) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (accessor.HttpContext is { } context && Session.AccessTokenOf(context) is { } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
