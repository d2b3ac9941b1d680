using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Network.Directory.Apis;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.Directory.Moderation;
using Network.Directory.Security;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Mail;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.PersonalData;

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
        builder.AddMail();
        builder.Services.AddSingleton<MailedTokenStore>();
        builder.Services.AddSingleton<RefreshTokenStore>();
        builder.Services.AddSingleton<SigningKeyRing>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<CoordinatorBootstrap>();
        builder.Services.AddSingleton<OrganisationStore>();
        builder.Services.AddSingleton<MembershipStore>();
        builder.Services.AddSingleton<MembershipInvitationStore>();
        builder.Services.AddSingleton<StatusDecisionLog>();
        builder.Services.AddSingleton<DirectoryStatistics>();
        // After CoordinatorBootstrap: the demo network belongs to the coordinator it ensures.
        builder.Services.AddHostedService<OrganisationDemoNetworkLoader>();
        builder.Services.AddModerationTarget<OrganisationModerationTarget>();
        // Erasure runs the sources in this order: invitations are found by the address the account still has.
        builder.Services.AddPersonalDataSource<InvitationsPersonalData>();
        builder.Services.AddPersonalDataSource<MembershipsPersonalData>();
        builder.Services.AddPersonalDataSource<AccountPersonalData>();
        builder.Services.AddHttpClient(PersonalDataApi.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    public static WebApplication MapDirectoryApi(this WebApplication app)
    {
        app.MapAccountsApi();
        app.MapAuthApi();
        app.MapKeysApi();
        app.MapTaxonomyApi();
        app.MapOrganisationsApi();
        app.MapOrganisationMembersApi();
        app.MapInvitationsApi();
        app.MapModerationApi();
        app.MapCoordinationApi();
        app.MapPersonalDataApi();
        return app;
    }
}
