using Network.Web.Components;

namespace Network.Web;

/// <summary>
/// The web front end: server-rendered Blazor pages, no WebAssembly and no interactive circuits
/// yet, so every page is a plain HTML response with a shareable address.
/// </summary>
public static class WebFrontEnd
{
    public const string Name = "web";

    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Pages load nothing from elsewhere; Blazor's own script needs only 'self'.
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            return next(context);
        });
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>();
        return app;
    }
}
