using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Refreshing_and_signing_out(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task Sign_in_hands_out_a_refresh_token_that_is_stored_only_as_its_hash()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);

        var tokens = await client.SignInAsync(email);

        Assert.Equal(15 * 60, tokens.GetProperty("expiresIn").GetInt32());
        var refreshToken = Refresh(tokens);
        Assert.Matches("^[A-Za-z0-9_-]{43}$", refreshToken);
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var stored = await connection.QuerySingleAsync<(byte[] Hash, TimeSpan Lifetime)>(
            "SELECT token_hash, expires_at - created_at FROM refresh_tokens WHERE account_id = @id", new { id });
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(refreshToken)), stored.Hash);
        Assert.Equal(TimeSpan.FromDays(30), stored.Lifetime);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>(
            "SELECT count(*) FROM refresh_tokens r WHERE r::text LIKE @pattern", new { pattern = $"%{refreshToken}%" }));
    }

    [Fact]
    public async Task A_refresh_token_buys_new_tokens_once()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var first = Refresh(await client.SignInAsync(email));

        var response = await client.RefreshAsync(first);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var renewed = await response.ReadJsonAsync();
        Assert.NotEqual(first, Refresh(renewed));
        var me = await client.SendAsync(HttpMethod.Get, "/api/directory/me", renewed.GetProperty("accessToken").GetString()!);
        Assert.Equal(email, (await me.ReadJsonAsync()).GetProperty("email").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(Refresh(renewed))).StatusCode);
    }

    [Fact]
    public async Task A_used_refresh_token_coming_back_ends_every_session_of_the_account()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var stolen = Refresh(await client.SignInAsync(email));
        var otherSession = Refresh(await client.SignInAsync(email));
        var rotated = Refresh(await (await client.RefreshAsync(stolen)).ReadJsonAsync());

        var replay = await client.RefreshAsync(stolen);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(rotated)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(otherSession)).StatusCode);
    }

    [Fact]
    public async Task After_a_reuse_an_old_token_cannot_end_the_sessions_begun_since()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var stolen = Refresh(await client.SignInAsync(email));
        await client.RefreshAsync(stolen);
        await client.RefreshAsync(stolen);
        var newSession = Refresh(await client.SignInAsync(email));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(stolen)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(newSession)).StatusCode);
    }

    [Fact]
    public async Task An_expired_refresh_token_is_refused()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        var refreshToken = Refresh(await client.SignInAsync(email));
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.ExecuteAsync("UPDATE refresh_tokens SET expires_at = now() - interval '1 second' WHERE account_id = @id", new { id });

        var response = await client.RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("not-a-token-of-ours")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task An_unknown_refresh_token_gets_a_401(string refreshToken)
    {
        var response = await client.RefreshAsync(refreshToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("The refresh token is not valid any more. Sign in again.", (await response.ReadJsonAsync()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_10000_character_refresh_token_gets_a_401_not_a_500() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(new string('a', 10_000))).StatusCode);

    [Fact]
    public async Task A_refresh_token_together_with_a_password_is_a_400()
    {
        var response = await client.PostAsJsonAsync("/api/directory/auth/token", new { email = "a@b.de", password = DirectoryClient.Password, refreshToken = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["refreshToken"], await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_empty_request_is_a_400_naming_both_fields()
    {
        var response = await client.PostAsJsonAsync("/api/directory/auth/token", new { });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["email", "password"], (await response.ErrorFieldsAsync()).Order());
    }

    [Fact]
    public async Task Signing_out_ends_that_session_only()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var leaving = Refresh(await client.SignInAsync(email));
        var staying = Refresh(await client.SignInAsync(email));

        var response = await client.PostAsJsonAsync("/api/directory/auth/sign-out", new { refreshToken = leaving });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(leaving)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(staying)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_with_an_unknown_token_changes_nothing_and_says_so_quietly() =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.PostAsJsonAsync("/api/directory/auth/sign-out", new { refreshToken = "unknown" })).StatusCode);

    [Fact]
    public async Task Signing_out_without_a_token_is_a_400() =>
        Assert.Equal(["refreshToken"], await (await client.PostAsJsonAsync("/api/directory/auth/sign-out", new { })).ErrorFieldsAsync());

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var first = await client.SignInAsync(email);
        var second = Refresh(await client.SignInAsync(email));
        var rotated = Refresh(await (await client.RefreshAsync(second)).ReadJsonAsync());

        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/auth/sign-out-all", first.GetProperty("accessToken").GetString()!);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(Refresh(first))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(rotated)).StatusCode);
        // Revoked, not reused: the replay of the older token ends nothing begun afterwards.
        var later = Refresh(await client.SignInAsync(email));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.RefreshAsync(second)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(later)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_everywhere_needs_a_sign_in() =>
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync("/api/directory/auth/sign-out-all", null)).StatusCode);

    private static string Refresh(JsonElement tokens) => tokens.GetProperty("refreshToken").GetString()!;
}
