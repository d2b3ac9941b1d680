using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.ServiceDefaults;
using Network.ServiceDefaults.Security;

namespace Network.Directory.Security;

/// <summary>Issues short-lived access tokens that every service validates against our JWKS.</summary>
public sealed class TokenIssuer(SigningKeyRing keys, MembershipStore memberships, IConfiguration configuration, TimeProvider time)
{
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(15);

    private readonly JsonWebTokenHandler handler = new();

    public async Task<string> IssueAccessTokenAsync(Account account, CancellationToken cancellationToken)
    {
        var key = await keys.CurrentAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var claims = new List<Claim>
        {
            new(NetworkClaims.Subject, account.Id.ToString()),
            new(NetworkClaims.Email, account.Email),
            new(NetworkClaims.Name, account.DisplayName),
            new(NetworkClaims.Locale, account.Locale),
            new(NetworkClaims.EmailVerified, account.EmailConfirmed ? "true" : "false", ClaimValueTypes.Boolean),
        };
        if (account.IsCoordinator)
        {
            claims.Add(new Claim(NetworkClaims.Role, NetworkClaims.CoordinatorRole));
        }

        // Other services decide "member of the organisation?" from these claims; the directory
        // itself reads memberships from its database, so a change counts there at once and
        // elsewhere with the next token (at most 15 minutes later).
        foreach (var membership in await memberships.MembershipsOfAsync(account.Id, cancellationToken))
        {
            claims.Add(new Claim(NetworkClaims.Membership, NetworkClaims.MembershipValue(membership.OrganisationId, EnumCodes.Of(membership.Role))));
        }

        return handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = configuration.Issuer(),
            Audience = configuration.Audience(),
            Subject = new ClaimsIdentity(claims),
            IssuedAt = now,
            NotBefore = now,
            Expires = now + AccessTokenLifetime,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
