using System.Security.Claims;

namespace Network.ServiceDefaults.Security;

/// <summary>The claim names in our access tokens (kept short and unmapped).</summary>
public static class NetworkClaims
{
    public const string Subject = "sub";
    public const string Role = "role";
    public const string Email = "email";
    public const string Name = "name";
    public const string Locale = "locale";

    /// <summary>`true` once the account's owner has confirmed the address (OpenID Connect's claim name).</summary>
    public const string EmailVerified = "email_verified";

    /// <summary>One claim per membership: `{organisationId}:{role}`.</summary>
    public const string Membership = "org";

    public const string CoordinatorRole = "coordinator";

    /// <summary>The signed-in account's id, or null when the token's subject is not one of our ids.</summary>
    public static Guid? AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Subject)?.Value, out var id) ? id : null;
}
