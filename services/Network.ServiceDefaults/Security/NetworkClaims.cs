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

    public static string MembershipValue(Guid organisationId, string role) => $"{organisationId}:{role}";

    /// <summary>The organisations the token says its holder belongs to, with the role in each.</summary>
    public static IReadOnlyDictionary<Guid, string> Memberships(this ClaimsPrincipal user)
    {
        var memberships = new Dictionary<Guid, string>();
        foreach (var claim in user.FindAll(Membership))
        {
            var separator = claim.Value.IndexOf(':', StringComparison.Ordinal);
            if (separator > 0 && Guid.TryParse(claim.Value.AsSpan(0, separator), out var organisationId))
            {
                memberships[organisationId] = claim.Value[(separator + 1)..];
            }
        }

        return memberships;
    }

    /// <summary>The signed-in account's id, or null when the token's subject is not one of our ids.</summary>
    public static Guid? AccountId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirst(Subject)?.Value, out var id) ? id : null;
}
