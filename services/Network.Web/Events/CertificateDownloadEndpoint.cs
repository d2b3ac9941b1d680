using Network.Web.Api;

namespace Network.Web.Events;

/// <summary>
/// "Download my certificate": the events service's PDF, fetched with the person's token and handed
/// on as a file. When sessions are still missing, back to the event's page, which says how many.
/// </summary>
public static class CertificateDownloadEndpoint
{
    public static string PathOf(Guid eventId, Guid registrationId) => $"/veranstaltungen/{eventId}/bescheinigung/{registrationId}";

    public static IEndpointRouteBuilder MapCertificateDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/veranstaltungen/{eventId:guid}/bescheinigung/{registrationId:guid}", async (Guid eventId, Guid registrationId, NetworkApi api, CancellationToken cancellationToken) =>
            await api.CertificateAsync(registrationId, cancellationToken) switch
            {
                { Pdf: { } pdf } download => Results.File(pdf, "application/pdf", download.FileName ?? $"bescheinigung-{registrationId}.pdf"),
                { SessionsMissing: > 0 } shortfall => Results.Redirect(
                    $"/veranstaltungen/{eventId}?bescheinigung=fehlt&besucht={shortfall.SessionsAttended}&noetig={shortfall.SessionsRequired}&fehlen={shortfall.SessionsMissing}#bescheinigung"),
                _ => Results.Redirect($"/veranstaltungen/{eventId}?bescheinigung=fehler#bescheinigung"),
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }
}
