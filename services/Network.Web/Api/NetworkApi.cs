using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Caching.Memory;
using Network.Web.Texts;

namespace Network.Web.Api;

/// <summary>
/// The public API, called through the gateway (NETWORK_GATEWAY_URL) with the signed-in person's
/// access token (<see cref="AccessTokenHandler"/>). One method per call the pages make; each page
/// makes as few as it can, so a list of twenty answers with one call, not twenty-one. The calls of
/// the directory and the marketplace are here; each further area has its own file (NetworkApi.Events.cs…).
/// The API's explanations (field errors, a problem's detail) come back in the page's language, so
/// every page shows them in German without doing anything for it; a client made without
/// <see cref="Ui"/> (renewing tokens, where nothing is shown) keeps them as the API sent them.
/// </summary>
public sealed partial class NetworkApi(HttpClient http, IMemoryCache cache, Ui? ui = null)
{
    public const string GatewayUrlSetting = "NETWORK_GATEWAY_URL";
    public const string DefaultGatewayUrl = "http://127.0.0.1:8080";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The vocabulary changes only with a release; it is asked for once an hour.</summary>
    public async Task<Taxonomy> TaxonomyAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(nameof(TaxonomyAsync), out Taxonomy? cached) && cached is not null)
        {
            return cached;
        }

        var result = await GetAsync<Taxonomy>("/api/directory/taxonomy", cancellationToken);
        if (!result.Succeeded || result.Value is null)
        {
            return Taxonomy.Empty;
        }

        cache.Set(nameof(TaxonomyAsync), result.Value, TimeSpan.FromHours(1));
        return result.Value;
    }

    public Task<ApiResult<Created>> SignUpAsync(string email, string password, string displayName, string locale, CancellationToken cancellationToken = default) =>
        SendAsync<Created>(HttpMethod.Post, "/api/directory/accounts", new { email, password, displayName, locale }, cancellationToken);

    public Task<ApiResult<object>> ConfirmAsync(string token, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, "/api/directory/accounts/confirm", new { token }, cancellationToken);

    public Task<ApiResult<Tokens>> SignInAsync(string email, string password, CancellationToken cancellationToken = default) =>
        SendAsync<Tokens>(HttpMethod.Post, "/api/directory/auth/token", new { email, password }, cancellationToken);

    public Task<ApiResult<Tokens>> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        SendAsync<Tokens>(HttpMethod.Post, "/api/directory/auth/token", new { refreshToken }, cancellationToken);

    public Task<ApiResult<object>> SignOutAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, "/api/directory/auth/sign-out", new { refreshToken }, cancellationToken);

    public Task<ApiResult<object>> RequestPasswordResetAsync(string email, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, "/api/directory/accounts/password-reset", new { email }, cancellationToken);

    public Task<ApiResult<object>> ResetPasswordAsync(string token, string newPassword, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Post, "/api/directory/accounts/password-reset/confirm", new { token, newPassword }, cancellationToken);

    public Task<ApiResult<InvitationAccepted>> AcceptInvitationAsync(string token, CancellationToken cancellationToken = default) =>
        SendAsync<InvitationAccepted>(HttpMethod.Post, "/api/directory/invitations/accept", new { token }, cancellationToken);

    public Task<ApiResult<Me>> MeAsync(CancellationToken cancellationToken = default) =>
        GetAsync<Me>("/api/directory/me", cancellationToken);

    /// <summary>Everything the platform holds about the signed-in person, as the directory sends it (JSON); null when it could not be had.</summary>
    public async Task<byte[]?> ExportAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync("/api/directory/me/export", cancellationToken);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
    }

    public async Task<ApiResult<object>> DeleteMeAsync(CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync("/api/directory/me", cancellationToken);
        return await ReadAsync<object>(response, cancellationToken);
    }

    public Task<ApiResult<Page<Organisation>>> OrganisationsAsync(Filters filters, string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Organisation>>("/api/directory/organisations" + filters.ToQuery(cursor), cancellationToken);

    public Task<ApiResult<Organisation>> OrganisationAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<Organisation>($"/api/directory/organisations/{id}", cancellationToken);

    public Task<ApiResult<Organisation>> CreateOrganisationAsync(object organisation, CancellationToken cancellationToken = default) =>
        SendAsync<Organisation>(HttpMethod.Post, "/api/directory/organisations", organisation, cancellationToken);

    public Task<ApiResult<Page<Listing>>> ListingsAsync(Filters filters, string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Listing>>("/api/matching/listings" + filters.ToQuery(cursor), cancellationToken);

    public Task<ApiResult<Listing>> ListingAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<Listing>($"/api/matching/listings/{id}", cancellationToken);

    public Task<ApiResult<Listing>> PublishListingAsync(object listing, CancellationToken cancellationToken = default) =>
        SendAsync<Listing>(HttpMethod.Post, "/api/matching/listings", listing, cancellationToken);

    public Task<ApiResult<Page<Suggestion>>> SuggestionsAsync(Guid organisationId, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Suggestion>>($"/api/matching/suggestions?organisationId={organisationId}&status=open&status=declined&status=partnership&limit=50", cancellationToken);

    public Task<ApiResult<Suggestion>> ExpressInterestAsync(Guid suggestionId, Guid organisationId, CancellationToken cancellationToken = default) =>
        SendAsync<Suggestion>(HttpMethod.Post, $"/api/matching/suggestions/{suggestionId}/interest", new { organisationId }, cancellationToken);

    public Task<ApiResult<Suggestion>> DeclineAsync(Guid suggestionId, Guid organisationId, string? reason, CancellationToken cancellationToken = default) =>
        SendAsync<Suggestion>(HttpMethod.Post, $"/api/matching/suggestions/{suggestionId}/decline", new { organisationId, reason }, cancellationToken);

    public Task<ApiResult<Page<Partnership>>> PartnershipsAsync(Guid organisationId, CancellationToken cancellationToken = default) =>
        GetAsync<Page<Partnership>>($"/api/matching/partnerships?organisationId={organisationId}&limit=50", cancellationToken);

    /// <summary>`&cursor=…` for a path that already has a query, or nothing on the first page.</summary>
    private static string CursorQuery(string? cursor) => string.IsNullOrWhiteSpace(cursor) ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor);

    private async Task<ApiResult<T>> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(path, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<ApiResult<T>> SendAsync<T>(HttpMethod method, string path, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Json) };
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<T>(response, cancellationToken);
    }

    private async Task<ApiResult<T>> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var hasBody = response.Content.Headers.ContentLength is not 0 && response.StatusCode != HttpStatusCode.NoContent;
        if (response.IsSuccessStatusCode)
        {
            var value = hasBody && response.Content.Headers.ContentType?.MediaType == "application/json"
                ? await response.Content.ReadFromJsonAsync<T>(Json, cancellationToken)
                : default;
            return ApiResult<T>.Ok(value, response.StatusCode);
        }

        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        string? detail = null;
        if (hasBody && response.Content.Headers.ContentType?.MediaType is "application/problem+json" or "application/json")
        {
            try
            {
                using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
                if (problem.RootElement.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
                {
                    foreach (var field in fields.EnumerateObject())
                    {
                        errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                            ? field.Value.EnumerateArray().Select(m => InPageLanguage(m.GetString() ?? string.Empty)).ToArray()
                            : [InPageLanguage(field.Value.ToString())];
                    }
                }

                var explanation = problem.RootElement.TryGetProperty("detail", out var d) ? d.GetString()
                    : problem.RootElement.TryGetProperty("title", out var t) ? t.GetString() : null;
                detail = explanation is null ? null : InPageLanguage(explanation);
            }
            catch (JsonException)
            {
                // Not a problem document after all: the status says enough.
            }
        }

        return new ApiResult<T>(default, response.StatusCode, errors, detail);
    }

    private string InPageLanguage(string message) => ui is null ? message : ui.ApiMessage(message);
}
