using Microsoft.AspNetCore.Identity;
using Network.Directory.Data;
using Network.Directory.Domain;

namespace Network.Directory.Security;

/// <summary>
/// Ensures at start-up that the coordinator named by NETWORK_BOOTSTRAP_COORDINATOR_EMAIL and
/// NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD exists, so a new installation can be run at all. An
/// existing account with that address is made coordinator; its password is left as it is.
/// </summary>
internal sealed partial class CoordinatorBootstrap(
    IConfiguration configuration,
    AccountStore accounts,
    IPasswordHasher<Account> hasher,
    ILogger<CoordinatorBootstrap> logger) : IHostedService
{
    public const string EmailSetting = "NETWORK_BOOTSTRAP_COORDINATOR_EMAIL";
    public const string PasswordSetting = "NETWORK_BOOTSTRAP_COORDINATOR_PASSWORD";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var email = configuration[EmailSetting];
        var password = configuration[PasswordSetting];
        if (string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
        {
            return;
        }

        var existing = await accounts.FindByEmailAsync(email.Trim(), cancellationToken);
        if (existing is not null)
        {
            // Only an owner who proved the address becomes coordinator: anyone can sign up with
            // an address that is not theirs, and the setting may name one registered long ago.
            if (!existing.IsCoordinator && existing.EmailConfirmed)
            {
                await accounts.MakeCoordinatorAsync(existing.Id, cancellationToken);
            }
            else if (!existing.IsCoordinator)
            {
                LogUnconfirmedAccount(logger, existing.Email);
            }

            return;
        }

        var problem = SignUp.CheckEmail(email) ?? PasswordPolicy.Check(password);
        if (problem is not null)
        {
            throw new InvalidOperationException($"{EmailSetting}/{PasswordSetting} do not make a valid account: {problem}");
        }

        // The operator chose the address, so there is nobody to ask for a confirmation.
        var account = new Account(Guid.CreateVersion7(), email.Trim(), "Koordination", "de", string.Empty, IsCoordinator: true, EmailConfirmed: true);
        account = account with { PasswordHash = hasher.HashPassword(account, password) };
        await accounts.CreateAsync(account, cancellationToken);
        LogCreated(logger, account.Email);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Error, Message = "{Email} belongs to an account whose address is not confirmed: it was not made coordinator. Confirm the address, then restart.")]
    private static partial void LogUnconfirmedAccount(ILogger logger, string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "Created the bootstrap coordinator account {Email}")]
    private static partial void LogCreated(ILogger logger, string email);
}
