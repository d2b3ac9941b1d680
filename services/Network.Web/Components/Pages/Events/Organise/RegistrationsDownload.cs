using Network.Web.Api;

namespace Network.Web.Components.Pages.Events.Organise;

/// <summary>
/// "Download the registrations": the API's CSV export, asked for with the organiser's token and
/// passed on as it streams, so a browser link can save it (a link to the API itself would go
/// without the token, which lives in the session cookie).
/// </summary>
public static class RegistrationsDownload
{
    /// <summary>Without a file extension: the session treats addresses with one as files that need no token, and would not pass it on.</summary>
    public const string Path = "/veranstaltungen/organisieren/{id:guid}/anmeldungen-herunterladen";

    public static IEndpointRouteBuilder MapRegistrationsDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (Guid id, NetworkApi api, HttpContext context, CancellationToken cancellationToken) =>
            {
                var response = await api.RegistrationsCsvAsync(id, cancellationToken);
                if (response is null)
                {
                    return Results.NotFound();
                }

                context.Response.RegisterForDispose(response);
                var fileName = response.Content.Headers.ContentDisposition?.FileNameStar
                    ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"')
                    ?? $"anmeldungen-{id}.csv";
                return Results.Stream(
                    await response.Content.ReadAsStreamAsync(cancellationToken),
                    response.Content.Headers.ContentType?.ToString() ?? "text/csv; charset=utf-8",
                    fileName);
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }
}
