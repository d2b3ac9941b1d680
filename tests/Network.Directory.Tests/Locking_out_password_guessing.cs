using System.Net;
using System.Net.Http.Json;
using Dapper;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Locking_out_password_guessing(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private const string WrongPassword = "not the passphrase";

    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task Ten_wrong_passwords_lock_the_account_and_even_the_right_one_gets_the_same_429()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync(email, WrongPassword)).StatusCode);
        }

        var right = await client.RequestTokenAsync(email, DirectoryClient.Password);
        var wrong = await client.RequestTokenAsync(email, WrongPassword);

        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, wrong.StatusCode);
        Assert.InRange(right.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(15));
        Assert.NotNull(wrong.Headers.RetryAfter?.Delta);
        Assert.Equal((await wrong.ReadJsonAsync()).GetProperty("title").GetString(), (await right.ReadJsonAsync()).GetProperty("title").GetString());
        Assert.Equal("application/problem+json", right.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task When_the_lock_has_run_out_the_right_password_works()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        for (var i = 0; i < 10; i++)
        {
            await client.RequestTokenAsync(email, WrongPassword);
        }

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.Equal(1, await connection.ExecuteAsync(
            "UPDATE accounts SET sign_in_locked_until = now() - interval '1 second' WHERE id = @id AND sign_in_locked_until > now()", new { id }));

        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
    }

    [Fact]
    public async Task A_right_password_starts_the_count_again()
    {
        var email = DirectoryClient.NewAddress();
        var id = await client.SignUpAsync(email);
        for (var round = 0; round < 2; round++)
        {
            for (var i = 0; i < 9; i++)
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.RequestTokenAsync(email, WrongPassword)).StatusCode);
            }

            Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
        }

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        var state = await connection.QuerySingleAsync<(int Consecutive, int InWindow)>(
            "SELECT consecutive_failed_sign_ins, failed_sign_ins_in_window FROM accounts WHERE id = @id", new { id });
        Assert.Equal((0, 18), state);
    }

    [Fact]
    public async Task A_password_reset_lifts_the_lock()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        for (var i = 0; i < 10; i++)
        {
            await client.RequestTokenAsync(email, WrongPassword);
        }

        await client.PostAsJsonAsync("/api/directory/accounts/password-reset", new { email });
        var mail = await directory.Mailbox.WaitForAsync(email, mail => mail.Link.Contains("passwort-zuruecksetzen", StringComparison.Ordinal));
        await client.PostAsJsonAsync("/api/directory/accounts/password-reset/confirm", new { token = mail.Token, newPassword = "a new and longer passphrase" });

        Assert.Equal(HttpStatusCode.OK, (await client.RequestTokenAsync(email, "a new and longer passphrase")).StatusCode);
    }

    [Fact]
    public async Task Refresh_tokens_keep_working_while_password_sign_in_is_locked()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);
        var refreshToken = (await client.SignInAsync(email)).GetProperty("refreshToken").GetString()!;
        for (var i = 0; i < 10; i++)
        {
            await client.RequestTokenAsync(email, WrongPassword);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.RequestTokenAsync(email, DirectoryClient.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.RefreshAsync(refreshToken)).StatusCode);
    }

    [Fact]
    public async Task Tries_sent_all_at_once_cannot_get_past_ten()
    {
        var email = DirectoryClient.NewAddress();
        await client.SignUpAsync(email);

        var answers = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => client.RequestTokenAsync(email, WrongPassword)));

        Assert.Equal(10, answers.Count(answer => answer.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(6, answers.Count(answer => answer.StatusCode == HttpStatusCode.TooManyRequests));
    }
}
