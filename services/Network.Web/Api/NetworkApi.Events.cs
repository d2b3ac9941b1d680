using System.Net;
using System.Text.Json;

namespace Network.Web.Api;

/// <summary>The events service's calls of the public events pages: the list, an event, registering and cancelling, certificates.</summary>
public sealed partial class NetworkApi
{
    public Task<ApiResult<Page<EventDetails>>> EventsAsync(EventFilters filters, int limit, string? cursor, string? from = null, string? to = null, CancellationToken cancellationToken = default) =>
        GetAsync<Page<EventDetails>>("/api/events/events" + filters.ToApiQuery(limit, cursor, from, to), cancellationToken);

    public Task<ApiResult<EventDetails>> EventAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<EventDetails>($"/api/events/events/{id}", cancellationToken);

    public Task<ApiResult<Registered>> RegisterAsync(Guid eventId, Guid? organisationId, IReadOnlyList<Guid>? sessionIds, string? participantName, CancellationToken cancellationToken = default) =>
        SendAsync<Registered>(HttpMethod.Post, $"/api/events/events/{eventId}/registrations", new { organisationId, sessionIds, participantName }, cancellationToken);

    public async Task<ApiResult<object>> CancelRegistrationAsync(Guid eventId, Guid registrationId, CancellationToken cancellationToken = default)
    {
        using var response = await http.DeleteAsync($"/api/events/events/{eventId}/registrations/{registrationId}", cancellationToken);
        return await ReadAsync<object>(response, cancellationToken);
    }

    public Task<ApiResult<Page<MyRegistration>>> MyRegistrationsAsync(string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<MyRegistration>>("/api/events/me/registrations?limit=50" + CursorQuery(cursor), cancellationToken);

    /// <summary>
    /// The certificate as the registrant downloads it. The events service issues it at the first
    /// download, or answers 409 with how many sessions are still missing; null for anything else.
    /// </summary>
    public async Task<CertificateDownload?> CertificateAsync(Guid registrationId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"/api/events/registrations/{registrationId}/certificate", cancellationToken);
        if (response.IsSuccessStatusCode && response.Content.Headers.ContentType?.MediaType == "application/pdf")
        {
            var fileName = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"');
            return new CertificateDownload(await response.Content.ReadAsByteArrayAsync(cancellationToken), fileName, null, null, null);
        }

        if (response.StatusCode != HttpStatusCode.Conflict)
        {
            return null;
        }

        try
        {
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
            return new CertificateDownload(null, null, Number(problem, "sessionsAttended"), Number(problem, "sessionsRequired"), Number(problem, "sessionsMissing"));
        }
        catch (JsonException)
        {
            return null;
        }

        static int? Number(JsonDocument problem, string name) =>
            problem.RootElement.TryGetProperty(name, out var value) && value.TryGetInt32(out var number) ? number : null;
    }
}
