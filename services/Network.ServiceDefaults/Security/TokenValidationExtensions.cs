using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Network.ServiceDefaults.Security;

public static class TokenValidationExtensions
{
    /// <summary>
    /// Validates bearer tokens with the standard JwtBearer handler. Keys come from the directory's
    /// JWKS (NETWORK_JWKS_URL), fetched when first needed, cached, and fetched again when a token
    /// names a key we do not know yet (key rotation). With NETWORK_OIDC_AUTHORITY set, an external
    /// OpenID Connect provider's discovery document is used instead.
    /// </summary>
    public static IServiceCollection AddTokenValidation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.RequireHttpsMetadata = false;
            var authority = configuration[ServiceSettings.OidcAuthority];
            if (!string.IsNullOrWhiteSpace(authority))
            {
                options.Authority = authority;
            }
            else
            {
                options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
                    configuration.JwksUri(), new JwksRetriever(), new HttpDocumentRetriever { RequireHttps = false })
                {
                    AutomaticRefreshInterval = TimeSpan.FromHours(1),
                    RefreshInterval = TimeSpan.FromSeconds(30),
                };
            }

            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = configuration.Issuer(),
                ValidAudience = configuration.Audience(),
                NameClaimType = NetworkClaims.Subject,
                RoleClaimType = NetworkClaims.Role,
                ClockSkew = TimeSpan.FromSeconds(30),
            };
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>Reads a bare JWKS document (no OpenID discovery) into the shape the handler expects.</summary>
    private sealed class JwksRetriever : IConfigurationRetriever<OpenIdConnectConfiguration>
    {
        public async Task<OpenIdConnectConfiguration> GetConfigurationAsync(string address, IDocumentRetriever retriever, CancellationToken cancel)
        {
            var document = await retriever.GetDocumentAsync(address, cancel);
            var keys = new JsonWebKeySet(document);
            var configuration = new OpenIdConnectConfiguration { JsonWebKeySet = keys };
            foreach (var key in keys.GetSigningKeys())
            {
                configuration.SigningKeys.Add(key);
            }

            return configuration;
        }
    }
}
