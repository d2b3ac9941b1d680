using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Signing_up_and_in(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task Sign_up_stores_the_account_and_its_event_in_one_transaction()
    {
        var email = $"lan.{Guid.NewGuid():N}@verein.de";
        var response = await client.PostAsJsonAsync("/api/directory/accounts", new { email, password = "a long passphrase", displayName = "Lan", locale = "en" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var stored = await connection.QuerySingleAsync<(string Email, string PasswordHash)>("SELECT email, password_hash FROM accounts WHERE id = @id", new { id });
        Assert.Equal(email, stored.Email);
        Assert.DoesNotContain("a long passphrase", stored.PasswordHash);
        var outbox = await connection.QuerySingleAsync<string>(
            "SELECT message_type FROM outbox_messages WHERE body->>'accountId' = @id", new { id = id.ToString() });
        Assert.Equal("Network.Contracts.Directory.AccountRegistered", outbox);
    }

    [Fact]
    public async Task A_refused_sign_up_writes_neither_account_nor_event()
    {
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await client.GetAsync("/health/ready");
        var before = await connection.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM outbox_messages)");

        var response = await client.PostAsJsonAsync("/api/directory/accounts", new { email = "kein-email", password = "kurz", displayName = "", locale = "tr" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(before, await connection.ExecuteScalarAsync<long>("SELECT (SELECT count(*) FROM accounts) + (SELECT count(*) FROM outbox_messages)"));
    }

    [Fact]
    public async Task Html_and_sql_looking_names_are_stored_and_returned_verbatim()
    {
        var email = $"x.{Guid.NewGuid():N}@verein.de";
        const string name = "<script>alert(1)</script>'; DROP TABLE accounts; --";
        await client.PostAsJsonAsync("/api/directory/accounts", new { email, password = "a long passphrase", displayName = name, locale = "de" });
        var token = await SignInAsync(email, "a long passphrase");

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/directory/me");
        request.Headers.Authorization = new("Bearer", token);
        var me = await (await client.SendAsync(request)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(name, me.GetProperty("displayName").GetString());
    }

    [Fact]
    public async Task The_token_is_an_es256_jwt_whose_key_is_in_the_jwks()
    {
        var token = await SignInAsync("koordination@directory.test", "directory-test-password");
        var jwks = await client.GetFromJsonAsync<JsonElement>("/api/directory/.well-known/jwks.json");

        var jwt = new JwtSecurityTokenHandler().ReadJwtToken(token);
        Assert.Equal("ES256", jwt.Header.Alg);
        Assert.Contains(jwks.GetProperty("keys").EnumerateArray(), key => key.GetProperty("kid").GetString() == jwt.Header.Kid);
        Assert.Equal("coordinator", jwt.Claims.Single(c => c.Type == "role").Value);
        Assert.InRange(jwt.ValidTo - jwt.ValidFrom, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
    }

    [Theory]
    [InlineData("koordination@directory.test", "wrong password!")]
    [InlineData("nobody@directory.test", "directory-test-password")]
    public async Task A_wrong_address_or_password_gets_the_same_401(string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/directory/auth/token", new { email, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The e-mail address or the password is not right.", problem.GetProperty("title").GetString());
    }

    private async Task<string> SignInAsync(string email, string password)
    {
        var response = await client.PostAsJsonAsync("/api/directory/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
