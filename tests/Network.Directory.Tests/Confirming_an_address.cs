using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Confirming_an_address(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Theory]
    [InlineData("de", "Bitte bestätigen Sie Ihre E-Mail-Adresse")]
    [InlineData("en", "Please confirm your e-mail address")]
    public async Task Sign_up_mails_a_confirmation_link_in_the_accounts_language(string locale, string subject)
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email, locale);

        var mail = await directory.Mailbox.WaitForAsync(email);
        Assert.Equal(subject, mail.Subject);
        Assert.StartsWith($"{DirectoryApiFactory.PublicUrl}/konto/bestaetigen?token=", mail.Link);
        Assert.Contains("noreply@network.localhost", mail.Headers["From"]);
        Assert.Contains("text/plain; charset=utf-8", mail.Headers["Content-Type"]);
        Assert.True(mail.Headers.ContainsKey("Message-ID"));
        Assert.True(mail.Headers.ContainsKey("Date"));
    }

    [Fact]
    public async Task Only_the_hash_of_the_token_is_stored_and_it_lasts_48_hours()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        var token = (await directory.Mailbox.WaitForAsync(email)).Token;

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var stored = await connection.QuerySingleAsync<(byte[] Hash, TimeSpan Lifetime)>(
            "SELECT token_hash, expires_at - created_at FROM mailed_tokens WHERE account_id = @id AND purpose = 'email_confirmation'", new { id });
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(token)), stored.Hash);
        Assert.Equal(TimeSpan.FromHours(48), stored.Lifetime);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            """
            SELECT (SELECT count(*) FROM mailed_tokens t WHERE t::text LIKE @pattern)
                 + (SELECT count(*) FROM accounts a WHERE a::text LIKE @pattern)
                 + (SELECT count(*) FROM outbox_messages o WHERE o::text LIKE @pattern)
            """,
            new { pattern = $"%{token}%" }));
    }

    [Fact]
    public async Task An_unconfirmed_account_may_sign_in_and_its_token_says_it_is_unconfirmed()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);

        var tokens = await client.SignInAsync(email);

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(tokens.GetProperty("accessToken").GetString());
        Assert.Equal("false", jwt.Claims.Single(c => c.Type == "email_verified").Value);
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/directory/me", tokens.GetProperty("accessToken").GetString()!)).ReadJsonAsync();
        Assert.False(me.GetProperty("emailConfirmed").GetBoolean());
    }

    [Fact]
    public async Task Confirming_marks_the_address_confirmed_and_publishes_the_event()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        var token = (await directory.Mailbox.WaitForAsync(email)).Token;

        var response = await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var tokens = await client.SignInAsync(email);
        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(tokens.GetProperty("accessToken").GetString());
        Assert.Equal("true", jwt.Claims.Single(c => c.Type == "email_verified").Value);
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/directory/me", tokens.GetProperty("accessToken").GetString()!)).ReadJsonAsync();
        Assert.True(me.GetProperty("emailConfirmed").GetBoolean());
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.Equal(1, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM outbox_messages WHERE message_type = 'Network.Contracts.Directory.AccountEmailConfirmed' AND body->>'accountId' = @id",
            new { id = id.ToString() }));
    }

    [Fact]
    public async Task A_confirmation_link_works_once()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var token = (await directory.Mailbox.WaitForAsync(email)).Token;
        await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token });

        var again = await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(["token"], await again.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_expired_confirmation_link_is_refused_and_confirms_nothing()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        var token = (await directory.Mailbox.WaitForAsync(email)).Token;
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.ExecuteAsync("UPDATE mailed_tokens SET expires_at = now() - interval '1 second' WHERE account_id = @id", new { id });

        var response = await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(await connection.ExecuteScalarAsync<DateTime?>("SELECT email_confirmed_at FROM accounts WHERE id = @id", new { id }));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token-of-ours")]
    [InlineData(null)]
    public async Task A_missing_or_unknown_token_is_a_400_naming_the_token(string? token)
    {
        var response = await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["token"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task A_10000_character_token_is_a_400_not_a_500()
    {
        var response = await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token = new string('a', 10_000) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task A_signed_in_person_can_ask_for_the_mail_again_until_confirmed()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email, "en");
        var first = await directory.Mailbox.WaitForAsync(email);
        var accessToken = (await client.SignInAsync(email)).GetProperty("accessToken").GetString()!;

        var again = await client.SendAsync(HttpMethod.Post, "/api/directory/me/confirmation-mail", accessToken);

        Assert.Equal(HttpStatusCode.Accepted, again.StatusCode);
        var second = await directory.Mailbox.WaitForAsync(email, mail => mail.FileName != first.FileName);
        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token = second.Token })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Post, "/api/directory/me/confirmation-mail", accessToken)).StatusCode);
        // Once the address is confirmed, the older link has nothing left to do.
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/directory/accounts/confirm", new { token = first.Token })).StatusCode);
    }

    [Fact]
    public async Task Asking_for_the_mail_again_needs_a_sign_in()
    {
        var response = await client.PostAsync("/api/directory/me/confirmation-mail", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
