using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Network.ServiceDefaults.Security;

namespace Network.Testing;

/// <summary>
/// Stands in for the directory as the issuer of access tokens: an ES256 key of its own, its public
/// half served as a JWKS on a loopback port (what NETWORK_JWKS_URL points a service under test at),
/// and tokens shaped like the directory's: issuer and audience `network`, the account in `sub`, one
/// `org` claim per membership.
/// </summary>
public sealed class TestIssuer : IAsyncDisposable
{
    private readonly ECDsaSecurityKey signingKey = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "test-issuer-key" };
    private readonly WebApplication server;

    private TestIssuer(WebApplication server, string jwksUrl)
    {
        this.server = server;
        JwksUrl = jwksUrl;
    }

    public string JwksUrl { get; }

    public static async Task<TestIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        // Port 0: the system picks a free port as it binds, so test projects running side by side
        // cannot both pick the same one (a port found free first may be taken before it is bound).
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = builder.Build();
        TestIssuer? issuer = null;
        server.MapGet("/jwks.json", () => Results.Text(issuer!.JsonWebKeySet(), "application/json"));
        await server.StartAsync();
        issuer = new TestIssuer(server, $"{server.Urls.Single()}/jwks.json");
        return issuer;
    }

    /// <summary>A token for <paramref name="accountId"/>, member (`org_admin`) of <paramref name="organisations"/>.</summary>
    public string Issue(Guid accountId, params Guid[] organisations) => Issue(accountId, organisations, coordinator: false);

    public string IssueCoordinator(Guid accountId) => Issue(accountId, [], coordinator: true);

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private string Issue(Guid accountId, IEnumerable<Guid> organisations, bool coordinator)
    {
        var claims = new List<Claim> { new(NetworkClaims.Subject, accountId.ToString()) };
        claims.AddRange(organisations.Select(id => new Claim(NetworkClaims.Membership, NetworkClaims.MembershipValue(id, "org_admin"))));
        if (coordinator)
        {
            claims.Add(new Claim(NetworkClaims.Role, NetworkClaims.CoordinatorRole));
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = "network",
            Audience = "network",
            Subject = new ClaimsIdentity(claims),
            NotBefore = now,
            IssuedAt = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(signingKey, SecurityAlgorithms.EcdsaSha256),
        });
    }

    private string JsonWebKeySet()
    {
        var parameters = signingKey.ECDsa.ExportParameters(includePrivateParameters: false);
        return JsonSerializer.Serialize(new
        {
            keys = new[]
            {
                new
                {
                    kty = "EC",
                    crv = "P-256",
                    kid = signingKey.KeyId,
                    use = "sig",
                    alg = "ES256",
                    x = Base64UrlEncoder.Encode(parameters.Q.X),
                    y = Base64UrlEncoder.Encode(parameters.Q.Y),
                },
            },
        });
    }
}
