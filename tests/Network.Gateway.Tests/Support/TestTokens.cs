using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Network.Gateway.Tests.Support;

/// <summary>
/// Access tokens shaped like the directory's: RS256, issuer and audience `network`, the account in
/// `sub`. The test backends serve the public key as the JWKS the gateway validates against.
/// </summary>
public static class TestTokens
{
    private static readonly RsaSecurityKey SigningKey = new(RSA.Create(2048)) { KeyId = "test-key" };

    public static string JsonWebKeySet { get; } = JsonSerializer.Serialize(new
    {
        keys = new[] { JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(SigningKey.Rsa.ExportParameters(false)) { KeyId = SigningKey.KeyId }) }
            .Select(key => new { kty = key.Kty, kid = key.Kid, use = "sig", alg = "RS256", n = key.N, e = key.E }),
    });

    public static string Issue(string subject, TimeSpan? lifetime = null, SecurityKey? key = null)
    {
        var now = DateTime.UtcNow;
        var expires = now + (lifetime ?? TimeSpan.FromMinutes(5));
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "network",
            Audience = "network",
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            NotBefore = expires < now ? expires.AddMinutes(-10) : now,
            IssuedAt = expires < now ? expires.AddMinutes(-10) : now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, SecurityAlgorithms.RsaSha256),
        });
    }

    /// <summary>A forged key that claims the published key's id.</summary>
    public static SecurityKey ForeignKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = SigningKey.KeyId };

    /// <summary>A key under an id the directory never published.</summary>
    public static SecurityKey UnpublishedKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "unpublished" };
}
