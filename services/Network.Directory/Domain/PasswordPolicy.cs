namespace Network.Directory.Domain;

/// <summary>What we ask of a password and how we store it.</summary>
public static class PasswordPolicy
{
    /// <summary>PBKDF2 iterations: at least OWASP's 2023 advice for PBKDF2-HMAC-SHA512 (210,000).</summary>
    public const int HashIterations = 210_000;

    public const int MinimumLength = 12;

    /// <summary>Long enough for any passphrase, short enough that hashing cannot be used to tie us up.</summary>
    public const int MaximumLength = 256;

    public static string? Check(string? password) => password switch
    {
        null or "" => "Enter a password.",
        { Length: < MinimumLength } => $"The password needs at least {MinimumLength} characters.",
        { Length: > MaximumLength } => $"The password may have at most {MaximumLength} characters.",
        _ => null,
    };
}
