using Network.Directory.Domain;

namespace Network.Directory.Tests;

public sealed class Sign_up_rules
{
    [Fact]
    public void A_complete_sign_up_has_no_errors() =>
        Assert.Empty(SignUp.Validate("ayse@verein-beispiel.de", "a long passphrase", "Ayşe Demir", "de"));

    [Theory]
    [InlineData("", "email")]
    [InlineData("not-an-address", "email")]
    [InlineData("name@localhost", "email")]
    [InlineData("Ayşe <ayse@verein.de>", "email")]
    [InlineData("a@b.", "email")]
    public void A_malformed_address_is_refused(string email, string field) =>
        Assert.Contains(field, SignUp.Validate(email, "a long passphrase", "Ayşe", "de").Keys);

    [Fact]
    public void An_address_longer_than_254_characters_is_refused() =>
        Assert.Contains("email", SignUp.Validate(new string('a', 250) + "@b.de", "a long passphrase", "Ayşe", "de").Keys);

    [Theory]
    [InlineData(PasswordPolicy.MinimumLength - 1, true)]
    [InlineData(PasswordPolicy.MinimumLength, false)]
    [InlineData(PasswordPolicy.MaximumLength, false)]
    [InlineData(PasswordPolicy.MaximumLength + 1, true)]
    public void Passwords_need_twelve_to_256_characters(int length, bool refused) =>
        Assert.Equal(refused, PasswordPolicy.Check(new string('x', length)) is not null);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_display_name_is_refused(string name) =>
        Assert.Contains("displayName", SignUp.Validate("a@b.de", "a long passphrase", name, "de").Keys);

    [Theory]
    [InlineData("Ayşe\nDemir")]
    [InlineData("Ayşe\tDemir")]
    [InlineData("Ayşe\u0007")]
    public void A_display_name_with_control_characters_is_refused(string name) =>
        Assert.Contains("displayName", SignUp.Validate("a@b.de", "a long passphrase", name, "de").Keys);

    [Fact]
    public void A_display_name_over_100_characters_is_refused() =>
        Assert.Contains("displayName", SignUp.Validate("a@b.de", "a long passphrase", new string('n', 101), "de").Keys);

    [Theory]
    [InlineData("fr")]
    [InlineData("DE")]
    [InlineData(null)]
    public void Only_german_and_english_are_offered(string? locale) =>
        Assert.Contains("locale", SignUp.Validate("a@b.de", "a long passphrase", "Ayşe", locale).Keys);

    [Fact]
    public void Every_fault_is_reported_at_once() =>
        Assert.Equal(["displayName", "email", "locale", "password"], SignUp.Validate("x", "short", "", "fr").Keys.Order());
}
