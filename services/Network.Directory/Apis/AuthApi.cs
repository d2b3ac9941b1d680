using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.Directory.Security;

namespace Network.Directory.Apis;

/// <summary>Signing in: an e-mail address and password for an access token.</summary>
public static class AuthApi
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record TokenResponse(string AccessToken, int ExpiresIn);

    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGroup("/api/directory/auth").WithTags("Sign-in")
            .MapPost("/token", IssueTokenAsync).AllowAnonymous();
        return endpoints;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> IssueTokenAsync(
        TokenRequest request, AccountStore accounts, IPasswordHasher<Account> hasher, TokenIssuer tokens, CancellationToken cancellationToken)
    {
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
            return TypedResults.ValidationProblem(errors, title: "Sign-in needs an e-mail address and a password.");
        }

        var account = await accounts.FindByEmailAsync(request.Email!, cancellationToken);
        var verified = account is not null
            && request.Password!.Length <= PasswordPolicy.MaximumLength
            && hasher.VerifyHashedPassword(account, account.PasswordHash, request.Password) != PasswordVerificationResult.Failed;
        if (!verified)
        {
            // The same answer whether the address is unknown or the password wrong: no account enumeration.
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "The e-mail address or the password is not right.");
        }

        var accessToken = await tokens.IssueAccessTokenAsync(account!, cancellationToken);
        return TypedResults.Ok(new TokenResponse(accessToken, (int)TokenIssuer.AccessTokenLifetime.TotalSeconds));
    }
}
