using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Directory.Apis;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.Directory.Security;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;

namespace Network.Directory;

/// <summary>
/// The directory: accounts, organisations, memberships and verification, and the tokens every
/// other service trusts.
/// </summary>
public static class DirectoryService
{
    public const string Name = "directory";

    public static IHostApplicationBuilder AddDirectoryServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(typeof(DirectoryService).Assembly);
        builder.AddServiceBus();

        builder.Services.AddSingleton<IPasswordHasher<Account>>(new PasswordHasher<Account>(
            Options.Create(new PasswordHasherOptions { IterationCount = PasswordPolicy.HashIterations })));
        builder.Services.AddSingleton<AccountStore>();
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<CoordinatorBootstrap>();
        return builder;
    }

    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        app.MapAccountsApi();
        app.MapAuthApi();
        app.MapKeysApi();
        return app;
    }
}
