using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;
using Network.Web.Api;

namespace Network.Web.Account;

/// <summary>
/// A signed-in person's session: the directory's access and refresh token, kept in an encrypted,
/// HttpOnly cookie (ASP.NET Core cookie authentication with data protection), never in the page.
/// An access token that runs out within a minute is renewed with the refresh token before the page
/// uses it; a refused refresh token ends the session.
/// </summary>
public sealed partial class Session(IHttpClientFactory clients, IMemoryCache cache, IConfiguration configuration, ILogger<Session> logger)
{
    /// <summary>How long before its end an access token is renewed, in seconds (default 60; the tests renew on every page).</summary>
    public const string RenewBeforeSetting = "NETWORK_WEB_RENEW_TOKENS_BEFORE_SECONDS";

    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "network-session";
    public const string AccountIdClaim = "sub";
    public const string NameClaim = "name";
    public const string EmailClaim = "email";

    private const string AccessToken = "access_token";
    private const string RefreshToken = "refresh_token";
    private const string ExpiresAt = "expires_at";
    private static readonly object FreshTokenKey = new();
    private readonly Lock refreshing = new();
    private readonly TimeSpan renewBefore = TimeSpan.FromSeconds(int.TryParse(configuration[RenewBeforeSetting], out var seconds) && seconds >= 0 ? seconds : 60);

    /// <summary>The access token of this request, once the session has been checked (or just begun).</summary>
    public static string? AccessTokenOf(HttpContext context) => context.Items[FreshTokenKey] as string;

    public static void UseAccessToken(HttpContext context, string accessToken) => context.Items[FreshTokenKey] = accessToken;

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.SameSite = SameSiteMode.Lax;
        // The refresh token lives 30 days; the cookie ends with the browser unless renewed (shared computers).
        options.ExpireTimeSpan = TimeSpan.FromDays(30);
        options.SlidingExpiration = true;
        options.LoginPath = "/konto/anmelden";
        options.LogoutPath = "/konto/abmelden";
        options.AccessDeniedPath = "/konto/anmelden";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<Session>().KeepFreshAsync(context);
    }

    /// <summary>Begins a session: the cookie holds the tokens and who the person is.</summary>
    public async Task BeginAsync(HttpContext context, Tokens tokens, Me me)
    {
        var identity = new ClaimsIdentity(
            [
                new Claim(AccountIdClaim, me.Id.ToString()),
                new Claim(NameClaim, me.DisplayName),
                new Claim(EmailClaim, me.Email),
            ],
            Scheme,
            NameClaim,
            "role");
        foreach (var role in me.Roles)
        {
            identity.AddClaim(new Claim("role", role));
        }

        var properties = new AuthenticationProperties { IsPersistent = false };
        Store(properties, tokens);
        UseAccessToken(context, tokens.AccessToken);
        await context.SignInAsync(Scheme, new ClaimsPrincipal(identity), properties);
    }

    /// <summary>Ends the session here and at the directory (the refresh token stops working).</summary>
    public async Task EndAsync(HttpContext context, NetworkApi api)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (result.Properties?.GetTokenValue(RefreshToken) is { } refreshToken)
        {
            await api.SignOutAsync(refreshToken);
        }

        await context.SignOutAsync(Scheme);
    }

    /// <summary>
    /// Asks for new tokens at once, for example after the person joined or founded an organisation:
    /// the access token carries the memberships, and the other services read them from it.
    /// </summary>
    public async Task RenewNowAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(Scheme);
        if (result is not { Succeeded: true, Principal: not null, Properties: not null } || result.Properties.GetTokenValue(RefreshToken) is not { } refreshToken)
        {
            return;
        }

        if ((await RefreshAsync(refreshToken)).Tokens is { } tokens)
        {
            Store(result.Properties, tokens);
            UseAccessToken(context, tokens.AccessToken);
            await context.SignInAsync(Scheme, result.Principal, result.Properties);
        }
    }

    private async Task KeepFreshAsync(CookieValidatePrincipalContext context)
    {
        var properties = context.Properties;
        var accessToken = properties.GetTokenValue(AccessToken);
        var refreshToken = properties.GetTokenValue(RefreshToken);
        if (accessToken is null || refreshToken is null)
        {
            context.RejectPrincipal();
            return;
        }

        var expiresAt = DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        if (expiresAt - renewBefore > DateTimeOffset.UtcNow)
        {
            UseAccessToken(context.HttpContext, accessToken);
            return;
        }

        // Only requests for pages renew the token, so two requests of one page (the page and its
        // stylesheet) never race with the same refresh token (the directory would take that for
        // theft). A file (a download such as a CSV) still gets the token while it is valid.
        if (Path.HasExtension(context.HttpContext.Request.Path.Value))
        {
            if (expiresAt > DateTimeOffset.UtcNow)
            {
                UseAccessToken(context.HttpContext, accessToken);
            }

            return;
        }

        var refreshed = await RefreshAsync(refreshToken);
        if (refreshed.Tokens is { } tokens)
        {
            Store(properties, tokens);
            UseAccessToken(context.HttpContext, tokens.AccessToken);
            context.ShouldRenew = true;
        }
        else if (refreshed.Refused)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
        }

        // Otherwise the directory did not answer: the person stays signed in, and the page says it could not load.
    }

    /// <summary>
    /// One refresh per refresh token: requests that arrive together share its answer, since the
    /// directory rotates refresh tokens and counts a second use of one as theft.
    /// </summary>
    private async Task<Refreshed> RefreshAsync(string refreshToken)
    {
        var key = "refresh:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)));
        Task<Refreshed> refresh;
        lock (refreshing)
        {
            refresh = cache.GetOrCreate(key, entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
                return AskForNewTokensAsync(refreshToken);
            })!;
        }

        var refreshed = await refresh;
        if (refreshed is { Tokens: null, Refused: false })
        {
            // Not answered: the next request may try again with the same refresh token.
            cache.Remove(key);
        }

        return refreshed;
    }

    private async Task<Refreshed> AskForNewTokensAsync(string refreshToken)
    {
        try
        {
            var api = new NetworkApi(clients.CreateClient(WebFrontEnd.AnonymousGatewayClient), cache);
            var result = await api.RefreshAsync(refreshToken);
            if (result is { Succeeded: true, Value: not null })
            {
                return new Refreshed(result.Value, false);
            }

            RefreshRefused(logger, (int)result.Status);
            return new Refreshed(null, result.Status is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            DirectoryUnavailable(logger, exception);
            return new Refreshed(null, false);
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "The refresh token was not accepted ({Status}).")]
    private static partial void RefreshRefused(ILogger logger, int status);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The directory could not be asked for new tokens.")]
    private static partial void DirectoryUnavailable(ILogger logger, Exception exception);

    private sealed record Refreshed(Tokens? Tokens, bool Refused);

    private static void Store(AuthenticationProperties properties, Tokens tokens) =>
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessToken, Value = tokens.AccessToken },
            new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken },
            new AuthenticationToken
            {
                Name = ExpiresAt,
                Value = DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn).ToString("o", CultureInfo.InvariantCulture),
            },
        ]);
}
