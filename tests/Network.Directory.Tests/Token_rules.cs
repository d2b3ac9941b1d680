using Network.Directory.Domain;
using Network.Directory.Security;

namespace Network.Directory.Tests;

public sealed class Token_rules
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_fresh_refresh_token_is_valid() =>
        Assert.Equal(RefreshTokenVerdict.Valid, RefreshTokens.Judge(Now.AddDays(1), usedAt: null, revokedAt: null, Now));

    [Fact]
    public void A_used_refresh_token_is_a_reuse() =>
        Assert.Equal(RefreshTokenVerdict.Reused, RefreshTokens.Judge(Now.AddDays(1), usedAt: Now.AddMinutes(-1), revokedAt: null, Now));

    [Fact]
    public void A_revoked_refresh_token_is_only_refused_even_when_used_before() =>
        Assert.Equal(RefreshTokenVerdict.Invalid, RefreshTokens.Judge(Now.AddDays(1), usedAt: Now.AddMinutes(-2), revokedAt: Now.AddMinutes(-1), Now));

    [Fact]
    public void An_expired_refresh_token_is_refused() =>
        Assert.Equal(RefreshTokenVerdict.Invalid, RefreshTokens.Judge(Now, usedAt: null, revokedAt: null, Now));

    [Fact]
    public void Refresh_tokens_last_thirty_days_confirmation_links_two_days_and_reset_links_an_hour()
    {
        Assert.Equal(TimeSpan.FromDays(30), RefreshTokens.Lifetime);
        Assert.Equal(TimeSpan.FromHours(48), MailedTokens.Lifetime(MailedTokenPurpose.EmailConfirmation));
        Assert.Equal(TimeSpan.FromHours(1), MailedTokens.Lifetime(MailedTokenPurpose.PasswordReset));
    }

    [Fact]
    public void Tokens_are_32_random_bytes_in_base64url_and_differ_every_time()
    {
        var (first, firstHash) = OpaqueToken.Create();
        var (second, _) = OpaqueToken.Create();

        Assert.Equal(32, Convert.FromBase64String(first.Replace('-', '+').Replace('_', '/') + "=").Length);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", first);
        Assert.NotEqual(first, second);
        Assert.Equal(firstHash, OpaqueToken.Hash(first));
        Assert.Equal(32, firstHash.Length);
    }

    [Theory]
    [InlineData("de", "Bitte bestätigen Sie Ihre E-Mail-Adresse")]
    [InlineData("en", "Please confirm your e-mail address")]
    public void The_confirmation_mail_speaks_the_accounts_language(string locale, string subject)
    {
        var mail = AccountMails.Confirmation(locale, AccountMails.Link("https://network.example", AccountMails.ConfirmationPath, "abc"));

        Assert.Equal(subject, mail.Subject);
        Assert.Contains("https://network.example/konto/bestaetigen?token=abc", mail.Text);
    }

    [Theory]
    [InlineData("de", "Passwort zurücksetzen")]
    [InlineData("en", "Reset your password")]
    public void The_reset_mail_speaks_the_accounts_language(string locale, string subject)
    {
        var mail = AccountMails.PasswordReset(locale, "https://network.example/konto/passwort-zuruecksetzen?token=abc");

        Assert.Equal(subject, mail.Subject);
        Assert.Contains("https://network.example/konto/passwort-zuruecksetzen?token=abc", mail.Text);
    }
}
