using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Network.Web.Api;

/// <summary>
/// Running an organisation and its listings: profiles and listings are read with their ETag and
/// changed with If-Match, so an edit made against an older version is refused (412) instead of
/// silently overwriting what someone else saved meanwhile.
/// </summary>
public sealed partial class NetworkApi
{
    public Task<ApiResult<Versioned<Organisation>>> OrganisationToEditAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetVersionedAsync<Organisation>($"/api/directory/organisations/{id}", cancellationToken);

    public Task<ApiResult<Organisation>> UpdateOrganisationAsync(Guid id, string editedVersion, object changes, CancellationToken cancellationToken = default) =>
        SendIfMatchAsync<Organisation>(HttpMethod.Patch, $"/api/directory/organisations/{id}", editedVersion, changes, cancellationToken);

    public Task<ApiResult<IReadOnlyList<Member>>> MembersAsync(Guid organisationId, CancellationToken cancellationToken = default) =>
        GetAsync<IReadOnlyList<Member>>($"/api/directory/organisations/{organisationId}/members", cancellationToken);

    public Task<ApiResult<object>> InviteAsync(Guid organisationId, string email, string role, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, $"/api/directory/organisations/{organisationId}/invitations", new { email, role }, cancellationToken);

    public Task<ApiResult<object>> ChangeRoleAsync(Guid organisationId, Guid accountId, string role, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Put, $"/api/directory/organisations/{organisationId}/members/{accountId}", new { role }, cancellationToken);

    public Task<ApiResult<Versioned<Listing>>> ListingToEditAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetVersionedAsync<Listing>($"/api/matching/listings/{id}", cancellationToken);

    public Task<ApiResult<Listing>> UpdateListingAsync(Guid id, string editedVersion, object changes, CancellationToken cancellationToken = default) =>
        SendIfMatchAsync<Listing>(HttpMethod.Patch, $"/api/matching/listings/{id}", editedVersion, changes, cancellationToken);

    public async Task<ApiResult<object>> WithdrawListingAsync(Guid id, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"/api/matching/listings/{id}", cancellationToken);
        return await ReadAsync<object>(response, cancellationToken);
    }

    private async Task<ApiResult<Versioned<T>>> GetVersionedAsync<T>(string path, CancellationToken cancellationToken)
        where T : class
    {
        using var response = await http.GetAsync(path, cancellationToken);
        var result = await ReadAsync<T>(response, cancellationToken);
        var version = response.Headers.ETag?.ToString();
        return result is { Succeeded: true, Value: { } value } && version is not null
            ? ApiResult<Versioned<T>>.Ok(new Versioned<T>(value, version), result.Status)
            : new ApiResult<Versioned<T>>(null, result.Status, result.Errors, result.Detail);
    }

    private async Task<ApiResult<T>> SendIfMatchAsync<T>(HttpMethod method, string path, string editedVersion, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        if (EntityTagHeaderValue.TryParse(editedVersion, out var tag))
        {
            request.Headers.IfMatch.Add(tag);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }
}
