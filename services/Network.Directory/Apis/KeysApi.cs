using Microsoft.IdentityModel.Tokens;
using Network.Directory.Security;

namespace Network.Directory.Apis;

/// <summary>The public halves of our signing keys (RFC 7517), for anyone who validates our tokens.</summary>
public static class KeysApi
{
    public static IEndpointRouteBuilder MapKeysApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/directory/.well-known/jwks.json", GetKeysAsync).AllowAnonymous().WithTags("Sign-in");
        return endpoints;
    }

    internal static async Task<IResult> GetKeysAsync(SigningKeyRing ring, HttpContext context, CancellationToken cancellationToken)
    {
        var keys = await ring.AllAsync(cancellationToken);
        var published = keys.Select(key =>
        {
            var point = key.ECDsa.ExportParameters(includePrivateParameters: false).Q;
            return new Dictionary<string, string>
            {
                ["kty"] = "EC",
                ["crv"] = "P-256",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.EcdsaSha256,
                ["kid"] = key.KeyId,
                ["x"] = Base64UrlEncoder.Encode(point.X),
                ["y"] = Base64UrlEncoder.Encode(point.Y),
            };
        });
        context.Response.Headers.CacheControl = "public, max-age=300";
        return Results.Json(new { keys = published });
    }
}
