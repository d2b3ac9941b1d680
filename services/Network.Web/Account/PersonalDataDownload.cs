using Network.Web.Api;

namespace Network.Web.Account;

/// <summary>"Download my data": the directory's export of everything the platform holds about the person, as a file.</summary>
public static class PersonalDataDownload
{
    public const string Path = "/konto/meine-daten";

    public static IEndpointRouteBuilder MapPersonalDataDownload(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (NetworkApi api, CancellationToken cancellationToken) =>
            await api.ExportAsync(cancellationToken) is { } export
                ? Results.File(export, "application/json", $"network-daten-{DateTime.UtcNow:yyyy-MM-dd}.json")
                : Results.Redirect("/konto?export=fehler"))
            .RequireAuthorization()
            .ExcludeFromDescription();
        return endpoints;
    }
}
