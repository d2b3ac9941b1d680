using Network.Contracts.Directory;

namespace Network.ServiceDefaults.Tests.Support;

internal static class TestEvents
{
    public static AccountRegistered AccountRegistered(int number = 1) => new()
    {
        AccountId = Guid.NewGuid(),
        DisplayName = $"Account {number}",
        Email = $"account{number}@example.org",
        Locale = "de",
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
