namespace Network.Directory.Domain;

/// <summary>What a token sent by mail lets its holder do, once.</summary>
public enum MailedTokenPurpose
{
    EmailConfirmation,
    PasswordReset,
}

/// <summary>The rules of the tokens we mail (confirmation, password reset).</summary>
public static class MailedTokens
{
    /// <summary>
    /// At most this many mails of one kind to one account an hour: enough to ask again when a
    /// mail is lost, too few to flood someone's mailbox by asking in their name.
    /// </summary>
    public const int MaximumPerHour = 5;

    /// <summary>A confirmation link lasts two days, to survive a weekend; a reset link an hour, as it is a sign-in.</summary>
    public static TimeSpan Lifetime(MailedTokenPurpose purpose) => purpose switch
    {
        MailedTokenPurpose.EmailConfirmation => TimeSpan.FromHours(48),
        MailedTokenPurpose.PasswordReset => TimeSpan.FromHours(1),
        _ => throw new ArgumentOutOfRangeException(nameof(purpose), purpose, null),
    };
}

/// <summary>What a presented refresh token is worth.</summary>
public enum RefreshTokenVerdict
{
    /// <summary>Good: it is exchanged for a new one and becomes used.</summary>
    Valid,

    /// <summary>
    /// Used before: either it was stolen and the thief or the owner has already exchanged it. We
    /// cannot tell which, so every refresh token of the account is revoked and both sign in again.
    /// </summary>
    Reused,

    /// <summary>Expired or revoked (signed out): refused, nothing else happens.</summary>
    Invalid,
}

/// <summary>Refresh tokens: long-lived, rotated on every use, so a stolen one is noticed when used twice.</summary>
public static class RefreshTokens
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>
    /// A revoked token is only refused: after a reuse has revoked everything, replaying an old
    /// token again must not sign the owner out of the sessions they have started since.
    /// </summary>
    public static RefreshTokenVerdict Judge(DateTimeOffset expiresAt, DateTimeOffset? usedAt, DateTimeOffset? revokedAt, DateTimeOffset now) =>
        revokedAt is not null ? RefreshTokenVerdict.Invalid
        : usedAt is not null ? RefreshTokenVerdict.Reused
        : expiresAt <= now ? RefreshTokenVerdict.Invalid
        : RefreshTokenVerdict.Valid;
}
