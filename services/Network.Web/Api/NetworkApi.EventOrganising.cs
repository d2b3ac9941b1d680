using System.Net.Http.Json;
using System.Text;

namespace Network.Web.Api;

/// <summary>The calls of organising events: the organiser's list, publishing, changing, cancelling, registrations and attendance.</summary>
public sealed partial class NetworkApi
{
    /// <summary>Every past event begins after this, so asking from it lists the past too.</summary>
    private const string SinceTheBeginning = "2000-01-01";

    /// <summary>
    /// The events one organisation organises (or, for a coordinator asking without one, every event
    /// of the network), by first session; from now on unless the past is asked for too.
    /// </summary>
    public Task<ApiResult<Page<OrganisedEvent>>> OrganisedEventsAsync(Guid? organisationId, bool includePast, string? cursor, CancellationToken cancellationToken = default)
    {
        var query = new StringBuilder("/api/events/events?limit=20");
        if (organisationId is { } organisation)
        {
            query.Append("&organiserOrganisationId=").Append(organisation);
        }

        if (includePast)
        {
            query.Append("&from=").Append(SinceTheBeginning);
        }

        if (!string.IsNullOrEmpty(cursor))
        {
            query.Append("&cursor=").Append(Uri.EscapeDataString(cursor));
        }

        return GetAsync<Page<OrganisedEvent>>(query.ToString(), cancellationToken);
    }

    public Task<ApiResult<OrganisedEvent>> OrganisedEventAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<OrganisedEvent>($"/api/events/events/{id}", cancellationToken);

    public Task<ApiResult<OrganisedEvent>> PublishEventAsync(object @event, CancellationToken cancellationToken = default) =>
        SendAsync<OrganisedEvent>(HttpMethod.Post, "/api/events/events", @event, cancellationToken);

    /// <summary>Changes the event as it was at <paramref name="version"/>: 412 when someone changed it meanwhile.</summary>
    public async Task<ApiResult<OrganisedEvent>> ChangeEventAsync(Guid id, int version, object changes, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/events/events/{id}") { Content = JsonContent.Create(changes, options: Json) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue($"\"{version}\""));
        using var response = await http.SendAsync(request, cancellationToken);
        return await ReadAsync<OrganisedEvent>(response, cancellationToken);
    }

    public Task<ApiResult<OrganisedEvent>> CancelEventAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        SendAsync<OrganisedEvent>(HttpMethod.Post, $"/api/events/events/{id}/cancellation", new { reason }, cancellationToken);

    /// <summary>A page of the event's registrations, in the order people registered.</summary>
    public Task<ApiResult<Page<OrganiserRegistration>>> OrganiserRegistrationsAsync(Guid id, string? cursor, CancellationToken cancellationToken = default) =>
        GetAsync<Page<OrganiserRegistration>>(
            $"/api/events/events/{id}/registrations?limit=50" + CursorQuery(cursor),
            cancellationToken);

    public Task<ApiResult<object>> RecordAttendanceAsync(Guid id, IReadOnlyList<OrganiserAttendance> entries, CancellationToken cancellationToken = default) =>
        SendAsync<object>(HttpMethod.Put, $"/api/events/events/{id}/attendance", entries, cancellationToken);

    /// <summary>
    /// The registrations as the API's CSV, still streaming: the caller passes the body on and then
    /// disposes of the response. Null when the API refused (not the organiser, no such event).
    /// </summary>
    public async Task<HttpResponseMessage?> RegistrationsCsvAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var response = await http.GetAsync($"/api/events/events/{id}/registrations.csv", HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        response.Dispose();
        return null;
    }
}
