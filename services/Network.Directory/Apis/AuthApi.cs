using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.Directory.Security;
using Network.ServiceDefaults.Security;

namespace Network.Directory.Apis;

/// <summary>
/// Signing in (a password or a refresh token for an access token and a new refresh token) and
/// signing out (one session, or all of them).
/// </summary>
public static partial class AuthApi
{
    public sealed record TokenRequest(string? Email, string? Password, string? RefreshToken);

    public sealed record TokenResponse(string AccessToken, string RefreshToken, int ExpiresIn);

    public sealed record SignOutRequest(string? RefreshToken);

    private const string WrongCredentials = "The e-mail address or the password is not right.";
    private const string RefreshRefused = "The refresh token is not valid any more. Sign in again.";

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/directory/auth").WithTags("Sign-in");
        api.MapPost("/token", IssueTokenAsync).AllowAnonymous();
        api.MapPost("/sign-out", SignOutAsync).AllowAnonymous();
        api.MapPost("/sign-out-all", SignOutAllAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request,
        HttpContext context,
        AccountStore accounts,
        RefreshTokenStore refreshTokens,
        IPasswordHasher<Account> hasher,
        TokenIssuer tokens,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (request.RefreshToken is not null)
        {
            return await RefreshAsync(request, accounts, refreshTokens, tokens, cancellationToken);
        }

        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Email))
        {
            errors["email"] = ["Enter your e-mail address."];
        }

        if (string.IsNullOrEmpty(request.Password))
        {
            errors["password"] = ["Enter your password."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Sign-in needs an e-mail address and a password, or a refresh token.");
        }

        // An address that cannot be one (too long, control characters) cannot have an account.
        var account = SignUp.CheckEmail(request.Email) is null
            ? await accounts.FindByEmailAsync(request.Email!, cancellationToken)
            : null;
        if (account is null)
        {
            // The same answer as for a wrong password, after the same work: hashing a password
            // takes a noticeable time, and skipping it would tell which addresses have accounts.
            var password = request.Password!;
            hasher.VerifyHashedPassword(TimingDecoy.Account, TimingDecoy.Hash, password[..Math.Min(password.Length, PasswordPolicy.MaximumLength)]);
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: WrongCredentials);
        }

        var attempt = await accounts.BeginSignInAsync(account.Id, cancellationToken);
        if (attempt is SignInAttempt.Locked locked)
        {
            // Answered before the password is looked at, so the answer is the same whether it was right.
            context.Response.Headers.RetryAfter = Math.Ceiling(locked.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many failed sign-ins: this account is locked for a while.",
                detail: "Try again after the time in Retry-After, or reset your password by mail.");
        }

        var verification = request.Password!.Length <= PasswordPolicy.MaximumLength
            ? hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password)
            : PasswordVerificationResult.Failed;
        if (verification == PasswordVerificationResult.Failed)
        {
            if (attempt is SignInAttempt.Allowed { State.LockedUntil: { } lockedUntil })
            {
                LogLocked(loggers.CreateLogger(typeof(AuthApi)), account.Id, lockedUntil);
            }

            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: WrongCredentials);
        }

        // A hash made with fewer iterations than we ask today is replaced while we have the password.
        var rehashed = verification == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(account, request.Password) : null;
        await accounts.RecordSuccessfulSignInAsync(account.Id, rehashed, cancellationToken);
        var refreshToken = await refreshTokens.IssueAsync(account.Id, cancellationToken);
        return TypedResults.Ok(await RespondAsync(account, refreshToken, tokens, cancellationToken));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> RefreshAsync(
        TokenRequest request, AccountStore accounts, RefreshTokenStore refreshTokens, TokenIssuer tokens, CancellationToken cancellationToken)
    {
        if (request.Email is not null || request.Password is not null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["refreshToken"] = ["Send either a refresh token or an e-mail address and a password, not both."] },
                title: "Sign-in needs an e-mail address and a password, or a refresh token.");
        }

        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["refreshToken"] = ["Enter the refresh token."] },
                title: "Sign-in needs an e-mail address and a password, or a refresh token.");
        }

        if (request.RefreshToken.Length > OpaqueToken.MaximumLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: RefreshRefused);
        }

        var outcome = await refreshTokens.RefreshAsync(request.RefreshToken, cancellationToken);
        if (outcome is not { Verdict: RefreshTokenVerdict.Valid, AccountId: { } accountId, NewToken: { } newToken }
            || await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: RefreshRefused);
        }

        // A new access token from the account as it is now: roles and confirmation may have changed.
        return TypedResults.Ok(await RespondAsync(account, newToken, tokens, cancellationToken));
    }

    private static async Task<TokenResponse> RespondAsync(Account account, string refreshToken, TokenIssuer tokens, CancellationToken cancellationToken) =>
        new(await tokens.IssueAccessTokenAsync(account, cancellationToken), refreshToken, (int)TokenIssuer.AccessTokenLifetime.TotalSeconds);

    /// <summary>Signs out the session of this refresh token. Its access token lives on until it expires (15 minutes at most).</summary>
    internal static async Task<Results<NoContent, ValidationProblem>> SignOutAsync(
        SignOutRequest request, RefreshTokenStore refreshTokens, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.RefreshToken))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["refreshToken"] = ["Enter the refresh token of the session to end."] },
                title: "Signing out needs the session's refresh token.");
        }

        // Unknown and already revoked tokens get the same answer: the session is over either way.
        if (request.RefreshToken.Length <= OpaqueToken.MaximumLength)
        {
            await refreshTokens.RevokeAsync(request.RefreshToken, cancellationToken);
        }

        return TypedResults.NoContent();
    }

    /// <summary>Signs the caller out everywhere: every refresh token of the account is revoked.</summary>
    internal static async Task<Results<NoContent, UnauthorizedHttpResult>> SignOutAllAsync(
        HttpContext context, RefreshTokenStore refreshTokens, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            return TypedResults.Unauthorized();
        }

        await refreshTokens.RevokeAllAsync(accountId, cancellationToken);
        return TypedResults.NoContent();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Account {AccountId} is locked until {LockedUntil} after repeated failed sign-ins")]
    private static partial void LogLocked(ILogger logger, Guid accountId, DateTimeOffset lockedUntil);

    /// <summary>A hash made once at start-up, only to spend on unknown addresses the time a real check takes.</summary>
    private static class TimingDecoy
    {
        public static readonly Account Account = new(Guid.Empty, "decoy@invalid", "decoy", "de", string.Empty, IsCoordinator: false);

        public static readonly string Hash = new PasswordHasher<Account>(
            Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = PasswordPolicy.HashIterations }))
            .HashPassword(Account, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
    }
}
