using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.ServiceDefaults.Security;

namespace Network.Directory.Apis;

/// <summary>Sign-up and the signed-in person's own account.</summary>
public static class AccountsApi
{
    public sealed record SignUpRequest(string? Email, string? Password, string? DisplayName, string? Locale);

    public sealed record SignUpResponse(Guid Id);

    public sealed record MeResponse(Guid Id, string Email, string DisplayName, string Locale, IReadOnlyList<string> Roles, IReadOnlyList<object> Memberships);

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/directory").WithTags("Accounts");
        api.MapPost("/accounts", SignUpAsync).AllowAnonymous();
        api.MapGet("/me", GetMeAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Created<SignUpResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request, AccountStore accounts, IPasswordHasher<Account> hasher, CancellationToken cancellationToken)
    {
        var errors = SignUp.Validate(request.Email, request.Password, request.DisplayName, request.Locale);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The account could not be created.");
        }

        var account = new Account(Guid.CreateVersion7(), request.Email!.Trim(), request.DisplayName!.Trim(), request.Locale!, string.Empty, IsCoordinator: false);
        account = account with { PasswordHash = hasher.HashPassword(account, request.Password!) };
        if (!await accounts.CreateAsync(account, cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "There is already an account with this e-mail address.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["email"] = ["This address is already registered. Sign in, or reset your password."] } });
        }

        return TypedResults.Created("/api/directory/me", new SignUpResponse(account.Id));
    }

    internal static async Task<Results<Ok<MeResponse>, NotFound>> GetMeAsync(HttpContext context, AccountStore accounts, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId
            || await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return TypedResults.NotFound();
        }

        var roles = account.IsCoordinator ? new[] { NetworkClaims.CoordinatorRole } : [];
        return TypedResults.Ok(new MeResponse(account.Id, account.Email, account.DisplayName, account.Locale, roles, []));
    }
}
