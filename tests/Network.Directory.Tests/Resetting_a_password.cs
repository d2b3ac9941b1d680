using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Resetting_a_password(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private const string NewPassword = "a new and longer passphrase";

    private readonly HttpClient client = directory.CreateClient();

    [Theory]
    [InlineData("de", "Passwort zurücksetzen")]
    [InlineData("en", "Reset your password")]
    public async Task The_reset_mail_goes_to_the_account_in_its_language(string locale, string subject)
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email, locale);

        var response = await RequestResetAsync(email.ToUpperInvariant());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var mail = await WaitForResetMailAsync(email);
        Assert.Equal(subject, mail.Subject);
        Assert.StartsWith($"{DirectoryApiFactory.PublicUrl}/konto/passwort-zuruecksetzen?token=", mail.Link);
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var stored = await connection.QuerySingleAsync<(byte[] Hash, TimeSpan Lifetime)>(
            "SELECT token_hash, expires_at - created_at FROM mailed_tokens WHERE account_id = @id AND purpose = 'password_reset'", new { id });
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(mail.Token)), stored.Hash);
        Assert.Equal(TimeSpan.FromHours(1), stored.Lifetime);
    }

    [Fact]
    public async Task An_unknown_address_gets_the_same_202_and_no_mail()
    {
        var unknown = DirectoryClient.NewAddress("nobody");
        var known = DirectoryClient.NewAddress();
        await client.SignUpAsync(known);

        var response = await RequestResetAsync(unknown);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await RequestResetAsync(known)).StatusCode);
        // Mails leave in order: once the later one is out, the earlier one would be too.
        await WaitForResetMailAsync(known);
        Assert.Empty(directory.Mailbox.MailsTo(unknown));
    }

    [Theory]
    [InlineData("")]
    [InlineData("kein-email")]
    public async Task A_malformed_address_is_a_400(string email)
    {
        var response = await RequestResetAsync(email);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["email"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_new_password_replaces_the_old_and_every_session_ends()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var session = (await client.SignInAsync(email)).GetProperty("refreshToken").GetString()!;
        await RequestResetAsync(email);
        var token = (await WaitForResetMailAsync(email)).Token;

        var response = await ConfirmResetAsync(token, NewPassword);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, NewPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(session)).StatusCode);
    }

    [Fact]
    public async Task The_reset_mail_also_confirms_the_address()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        await RequestResetAsync(email);

        await ConfirmResetAsync((await WaitForResetMailAsync(email)).Token, NewPassword);

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.NotNull(await connection.ExecuteScalarAsync<DateTime?>("SELECT email_confirmed_at FROM accounts WHERE id = @id", new { id }));
    }

    [Fact]
    public async Task A_short_new_password_is_refused_and_the_link_still_works()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        await RequestResetAsync(email);
        var token = (await WaitForResetMailAsync(email)).Token;

        var refused = await ConfirmResetAsync(token, "kurz");

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["newPassword"], await refused.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await ConfirmResetAsync(token, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_works_once_and_spends_the_older_links_too()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        await RequestResetAsync(email);
        var older = await WaitForResetMailAsync(email);
        await RequestResetAsync(email);
        var newer = await WaitForResetMailAsync(email, older.FileName);
        await ConfirmResetAsync(newer.Token, NewPassword);

        var again = await ConfirmResetAsync(newer.Token, "yet another passphrase");
        var old = await ConfirmResetAsync(older.Token, "yet another passphrase");

        Assert.Equal(["token"], await again.ErrorFieldsAsync());
        Assert.Equal(["token"], await old.ErrorFieldsAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, NewPassword)).StatusCode);
    }

    [Fact]
    public async Task An_expired_reset_link_is_refused()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        await RequestResetAsync(email);
        var token = (await WaitForResetMailAsync(email)).Token;
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.ExecuteAsync("UPDATE mailed_tokens SET expires_at = now() - interval '1 second' WHERE account_id = @id", new { id });

        var response = await ConfirmResetAsync(token, NewPassword);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
    }

    [Fact]
    public async Task Missing_fields_are_named()
    {
        var response = await client.PostAsJsonAsync("/api/directory/accounts/password-reset/confirm", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["newPassword", "token"], (await response.ErrorFieldsAsync()).Order());
    }

    [Fact]
    public async Task At_most_five_reset_mails_an_hour_reach_one_account()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var marker = DirectoryClient.NewAddress("marker");
        await client.SignUpAsync(marker);

        for (var i = 0; i < 7; i++)
        {
            Assert.Equal(HttpStatusCode.Accepted, (await RequestResetAsync(email)).StatusCode);
        }

        await RequestResetAsync(marker);
        await WaitForResetMailAsync(marker);
        Assert.Equal(5, directory.Mailbox.MailsTo(email).Count(IsResetMail));
    }

    private Task<HttpResponseMessage> RequestResetAsync(string email) =>
        client.PostAsJsonAsync("/api/directory/accounts/password-reset", new { email });

    private Task<HttpResponseMessage> ConfirmResetAsync(string token, string newPassword) =>
        client.PostAsJsonAsync("/api/directory/accounts/password-reset/confirm", new { token, newPassword });

    private Task<ReceivedMail> WaitForResetMailAsync(string email, string? notFile = null) =>
        directory.Mailbox.WaitForAsync(email, mail => IsResetMail(mail) && mail.FileName != notFile);

    private static bool IsResetMail(ReceivedMail mail) => mail.Link.Contains("/konto/passwort-zuruecksetzen", StringComparison.Ordinal);
}
