using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Network.Web.Account;
using Network.Web.Api;
using Network.Web.Components;
using Network.Web.Components.Pages.Events.Organise;
using Network.Web.Events;
using Network.Web.Inbox;
using Network.Web.Scripts;
using Network.Web.Styles;
using Network.Web.Texts;

namespace Network.Web;

/// <summary>
/// The web front end: server-rendered Blazor pages (static rendering, no WebAssembly and no
/// interactive circuits), so every page is a plain HTML response with a shareable address and every
/// form a plain HTML form. Data comes from the public API through the gateway.
/// </summary>
public static class WebFrontEnd
{
    public const string Name = "web";

    /// <summary>Where the data-protection keys (which encrypt the session cookie) are kept, so a restart keeps people signed in.</summary>
    public const string KeysDirectorySetting = "NETWORK_WEB_KEYS_DIR";

    /// <summary>The gateway without a person's token: for getting new tokens.</summary>
    public const string AnonymousGatewayClient = "gateway-anonymous";

    public static IHostApplicationBuilder AddWebServices(this IHostApplicationBuilder builder)
    {
        Ui.CheckBothLanguagesAreComplete();
        var services = builder.Services;
        services.AddRazorComponents();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddScoped<Ui>();
        services.AddSingleton<Session>();

        var gateway = new Uri(builder.Configuration[NetworkApi.GatewayUrlSetting] is { Length: > 0 } url ? url : NetworkApi.DefaultGatewayUrl);
        services.AddTransient<AccessTokenHandler>();
        services.AddTransient<ForwardedForHandler>();
        services.AddHttpClient<NetworkApi>(http => Configure(http, gateway))
            .AddHttpMessageHandler<ForwardedForHandler>()
            .AddHttpMessageHandler<AccessTokenHandler>();
        services.AddHttpClient(AnonymousGatewayClient, http => Configure(http, gateway)).AddHttpMessageHandler<ForwardedForHandler>();

        var keys = services.AddDataProtection().SetApplicationName("Network.Web");
        if (builder.Configuration[KeysDirectorySetting] is { Length: > 0 } keysDirectory)
        {
            keys.PersistKeysToFileSystem(Directory.CreateDirectory(keysDirectory));
        }

        // The service defaults make bearer tokens the default; people in a browser carry a cookie instead.
        services.AddAuthentication(options =>
        {
            options.DefaultScheme = Session.Scheme;
            options.DefaultChallengeScheme = Session.Scheme;
        }).AddCookie(Session.Scheme, Session.Configure);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "network-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        // The gateway is the only caller (on this machine or the pod's network): its X-Forwarded-*
        // headers give the address people see, for redirects and for Secure cookies behind https.
        services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost);
        return builder;
    }

    /// <summary>What runs before the service defaults: the address as people see it, and their language.</summary>
    public static WebApplication UseWebFrontEnd(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseUiLanguage();
        return app;
    }

    public static WebApplication MapWebFrontEnd(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Pages load nothing from elsewhere and run no script but the inbox's own file (Scripts/InboxScript.cs).
            context.Response.Headers.ContentSecurityPolicy =
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
            return next(context);
        });
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseAntiforgery();
        app.MapStylesheet();
        app.MapInboxScript();
        app.MapInboxLiveUpdates();
        app.MapPersonalDataDownload();
        app.MapRegistrationsDownload();
        app.MapCertificateDownload();
        app.MapRazorComponents<App>();
        return app;
    }

    private static void Configure(HttpClient http, Uri gateway)
    {
        http.BaseAddress = gateway;
        http.Timeout = TimeSpan.FromSeconds(30);
    }
}
