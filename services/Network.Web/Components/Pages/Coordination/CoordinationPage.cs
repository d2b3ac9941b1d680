using Network.ServiceDefaults.Security;
using Network.Web.Components.Forms;

namespace Network.Web.Components.Pages.Coordination;

/// <summary>
/// A page for coordinators only. People who are not signed in are sent to sign in (the page's
/// [Authorize]); signed-in people without the coordinator role get a plain refusal with status 403,
/// and the page asks the API for nothing.
/// </summary>
public abstract class CoordinationPage : FormPage
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>A moment as the network's people read it: Berlin time, in the page's language.</summary>
    protected static string When(DateTimeOffset at, System.Globalization.CultureInfo culture) => TimeZoneInfo.ConvertTime(at, Berlin).ToString("g", culture);

    private static readonly string[] KnownContentTypes = ["organisation", "listing", "event", "board_post", "message"];

    /// <summary>The text key of a kind of content as moderation names it.</summary>
    protected static string ContentTypeKey(string contentType) =>
        "coordination.content." + (KnownContentTypes.Contains(contentType) ? contentType : "other");

    /// <summary>Where a coordinator reads the content, for the kinds that have a page of their own.</summary>
    protected static string? ContentLink(string contentType, Guid contentId) => contentType switch
    {
        "organisation" => $"/organisationen/{contentId}",
        "listing" => $"/marktplatz/{contentId}",
        "event" => $"/veranstaltungen/{contentId}",
        _ => null,
    };

    protected bool IsCoordinator => HttpContext.User.IsInRole(NetworkClaims.CoordinatorRole);

    protected sealed override async Task OnInitializedAsync()
    {
        if (!IsCoordinator)
        {
            HttpContext.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        await LoadAsync();
    }

    /// <summary>Reads what the page shows; runs only for coordinators.</summary>
    protected abstract Task LoadAsync();
}
