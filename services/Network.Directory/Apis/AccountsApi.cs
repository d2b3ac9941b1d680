using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.Directory.Security;
using Network.ServiceDefaults;
using Network.ServiceDefaults.Mail;
using Network.ServiceDefaults.Security;

namespace Network.Directory.Apis;

/// <summary>
/// Sign-up, confirming the address, resetting a forgotten password, and the signed-in person's
/// own account. Mails go out through <see cref="MailQueue"/>, after the change they belong to is
/// committed: a lost mail can be asked for again, a half-made account could not be repaired.
/// </summary>
public static class AccountsApi
{
    public sealed record SignUpRequest(string? Email, string? Password, string? DisplayName, string? Locale);

    public sealed record SignUpResponse(Guid Id);

    public sealed record MeResponse(Guid Id, string Email, string DisplayName, string Locale, bool EmailConfirmed, IReadOnlyList<string> Roles, IReadOnlyList<AccountMembership> Memberships);

    public sealed record ConfirmRequest(string? Token);

    public sealed record PasswordResetRequest(string? Email);

    public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword);

    private const string TokenSpent = "This link does not work any more: it was used already or has expired. Ask for a new mail.";

    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/directory").WithTags("Accounts");
        api.MapPost("/accounts", SignUpAsync).AllowAnonymous();
        api.MapPost("/accounts/confirm", ConfirmAsync).AllowAnonymous();
        api.MapPost("/accounts/password-reset", RequestPasswordResetAsync).AllowAnonymous();
        api.MapPost("/accounts/password-reset/confirm", ResetPasswordAsync).AllowAnonymous();
        api.MapPost("/me/confirmation-mail", SendConfirmationMailAgainAsync).RequireAuthorization();
        api.MapGet("/me", GetMeAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Created<SignUpResponse>, ValidationProblem, ProblemHttpResult>> SignUpAsync(
        SignUpRequest request,
        AccountStore accounts,
        IPasswordHasher<Account> hasher,
        MailQueue mail,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var errors = SignUp.Validate(request.Email, request.Password, request.DisplayName, request.Locale);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The account could not be created.");
        }

        var account = new Account(Guid.CreateVersion7(), request.Email!.Trim(), request.DisplayName!.Trim(), request.Locale!, string.Empty, IsCoordinator: false);
        account = account with { PasswordHash = hasher.HashPassword(account, request.Password!) };
        var (confirmationToken, confirmationHash) = OpaqueToken.Create();
        if (!await accounts.CreateAsync(account, confirmationHash, cancellationToken))
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "There is already an account with this e-mail address.",
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["email"] = ["This address is already registered. Sign in, or reset your password."] } });
        }

        mail.Enqueue(ConfirmationMail(account, confirmationToken, configuration));
        return TypedResults.Created("/api/directory/me", new SignUpResponse(account.Id));
    }

    internal static async Task<Results<Ok<MeResponse>, NotFound>> GetMeAsync(HttpContext context, AccountStore accounts, MembershipStore memberships, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId
            || await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return TypedResults.NotFound();
        }

        var roles = account.IsCoordinator ? new[] { NetworkClaims.CoordinatorRole } : [];
        return TypedResults.Ok(new MeResponse(account.Id, account.Email, account.DisplayName, account.Locale, account.EmailConfirmed, roles, await memberships.MembershipsOfAsync(account.Id, cancellationToken)));
    }

    /// <summary>Confirms the address with the token from the confirmation mail.</summary>
    internal static async Task<Results<NoContent, ValidationProblem>> ConfirmAsync(
        ConfirmRequest request, MailedTokenStore mailedTokens, CancellationToken cancellationToken)
    {
        if (CheckToken(request.Token) is { } problem)
        {
            return problem;
        }

        return await mailedTokens.ConfirmEmailAsync(request.Token!, cancellationToken)
            ? TypedResults.NoContent()
            : TokenProblem("The address could not be confirmed.");
    }

    /// <summary>
    /// A new confirmation mail for the signed-in person, whose first one got lost. Unconfirmed
    /// accounts may sign in (see README, "Accounts and sign-in"), so this needs no address.
    /// </summary>
    internal static async Task<Results<Accepted, NotFound, ProblemHttpResult>> SendConfirmationMailAgainAsync(
        HttpContext context,
        AccountStore accounts,
        MailedTokenStore mailedTokens,
        MailQueue mail,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId
            || await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return TypedResults.NotFound();
        }

        if (account.EmailConfirmed)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "This address is confirmed already.");
        }

        if (await mailedTokens.IssueAsync(account.Id, MailedTokenPurpose.EmailConfirmation, cancellationToken) is not { } token)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: $"At most {MailedTokens.MaximumPerHour} confirmation mails an hour.",
                detail: "Look for the mails sent already (also among spam), or ask again later.");
        }

        mail.Enqueue(ConfirmationMail(account, token, configuration));
        return TypedResults.Accepted((string?)null);
    }

    /// <summary>
    /// Always 202, whether or not the address has an account (no account enumeration); only an
    /// account gets the mail, and only <see cref="MailedTokens.MaximumPerHour"/> of them an hour.
    /// </summary>
    internal static async Task<Results<Accepted, ValidationProblem>> RequestPasswordResetAsync(
        PasswordResetRequest request,
        AccountStore accounts,
        MailedTokenStore mailedTokens,
        MailQueue mail,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (SignUp.CheckEmail(request.Email) is { } problem)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["email"] = [problem] }, title: "The password cannot be reset.");
        }

        if (await accounts.FindByEmailAsync(request.Email!.Trim(), cancellationToken) is { } account
            && await mailedTokens.IssueAsync(account.Id, MailedTokenPurpose.PasswordReset, cancellationToken) is { } token)
        {
            var link = AccountMails.Link(configuration.PublicBaseUrl(), AccountMails.PasswordResetPath, token);
            var text = AccountMails.PasswordReset(account.Locale, link);
            mail.Enqueue(new OutgoingMail(account.Email, text.Subject, text.Text));
        }

        return TypedResults.Accepted((string?)null);
    }

    /// <summary>Sets a new password with the token from the reset mail; every session of the account ends.</summary>
    internal static async Task<Results<NoContent, ValidationProblem>> ResetPasswordAsync(
        PasswordResetConfirmRequest request,
        AccountStore accounts,
        MailedTokenStore mailedTokens,
        IPasswordHasher<Account> hasher,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Token))
        {
            errors["token"] = ["Enter the token from the mail."];
        }

        if (PasswordPolicy.Check(request.NewPassword) is { } passwordProblem)
        {
            errors["newPassword"] = [passwordProblem];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The password could not be reset.");
        }

        // Looked up first, so a spent link costs no password hashing.
        if (request.Token!.Length > OpaqueToken.MaximumLength
            || await mailedTokens.FindAccountAsync(request.Token, MailedTokenPurpose.PasswordReset, cancellationToken) is not { } accountId
            || await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return TokenProblem("The password could not be reset.");
        }

        var newHash = hasher.HashPassword(account, request.NewPassword!);
        return await mailedTokens.ResetPasswordAsync(request.Token, newHash, cancellationToken)
            ? TypedResults.NoContent()
            : TokenProblem("The password could not be reset.");
    }

    private static OutgoingMail ConfirmationMail(Account account, string token, IConfiguration configuration)
    {
        var link = AccountMails.Link(configuration.PublicBaseUrl(), AccountMails.ConfirmationPath, token);
        var text = AccountMails.Confirmation(account.Locale, link);
        return new OutgoingMail(account.Email, text.Subject, text.Text);
    }

    private static ValidationProblem? CheckToken(string? token) =>
        string.IsNullOrWhiteSpace(token) ? TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = ["Enter the token from the mail."] })
        : token.Length > OpaqueToken.MaximumLength ? TokenProblem("The token is not one of ours.")
        : null;

    private static ValidationProblem TokenProblem(string title) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["token"] = [TokenSpent] }, title: title);
}
