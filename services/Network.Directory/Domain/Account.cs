namespace Network.Directory.Domain;

/// <summary>
/// A person's account. The e-mail is stored as given and compared case-insensitively.
/// <paramref name="EmailConfirmed"/> tells whether the owner has shown the address is theirs.
/// </summary>
public sealed record Account(
    Guid Id,
    string Email,
    string DisplayName,
    string Locale,
    string PasswordHash,
    bool IsCoordinator,
    bool EmailConfirmed = false);
