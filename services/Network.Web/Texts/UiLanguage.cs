namespace Network.Web.Texts;

/// <summary>
/// The language a page is shown in. German first: it is the default, English on request. The choice
/// comes from `?lang=` (which is then remembered) or the `network-lang` cookie.
/// </summary>
public static class UiLanguage
{
    public const string German = "de";
    public const string English = "en";
    public const string CookieName = "network-lang";
    public const string QueryName = "lang";

    private static readonly object ItemKey = new();

    public static string Of(HttpContext context) => context.Items[ItemKey] as string ?? German;

    public static bool IsKnown(string? code) => code is German or English;

    /// <summary>Chooses the language of the request before anything renders, and remembers a choice made with `?lang=`.</summary>
    public static IApplicationBuilder UseUiLanguage(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var asked = context.Request.Query[QueryName].ToString();
            if (IsKnown(asked))
            {
                context.Items[ItemKey] = asked;
                if (context.Request.Cookies[CookieName] != asked)
                {
                    context.Response.Cookies.Append(CookieName, asked, new CookieOptions
                    {
                        MaxAge = TimeSpan.FromDays(365),
                        HttpOnly = true,
                        Secure = context.Request.IsHttps,
                        SameSite = SameSiteMode.Lax,
                        IsEssential = true,
                        Path = "/",
                    });
                }
            }
            else
            {
                context.Items[ItemKey] = IsKnown(context.Request.Cookies[CookieName]) ? context.Request.Cookies[CookieName] : German;
            }

            return next(context);
        });
}
