using System.Net;
using System.Text;
using Dapper;
using Network.Directory.Tests.Organisations;
using Npgsql;

namespace Network.Directory.Tests;

public sealed class Leaving_the_platform(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task Erasing_the_only_admin_hands_the_role_to_the_member_who_joined_first()
    {
        var admin = await client.NewPersonAsync("admin");
        var first = await client.NewPersonAsync("first");
        var second = await client.NewPersonAsync("second");
        var organisationId = await client.RegisterAsync(admin);
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.ExecuteAsync(
            """
            INSERT INTO memberships (organisation_id, account_id, role, joined_at) VALUES
                (@organisationId, @first, 'member', now() - interval '2 days'),
                (@organisationId, @second, 'member', now() - interval '1 day')
            """,
            new { organisationId, first = first.Id, second = second.Id });

        var erased = await client.SendAsync(HttpMethod.Delete, "/api/directory/me", admin.Token);

        Assert.Equal(HttpStatusCode.NoContent, erased.StatusCode);
        var roles = (await connection.QueryAsync<(Guid AccountId, string Role)>(
            "SELECT account_id, role FROM memberships WHERE organisation_id = @organisationId ORDER BY joined_at", new { organisationId })).ToList();
        Assert.Equal([(first.Id, "org_admin"), (second.Id, "member")], roles);
        var events = (await directory.EventsAboutAsync(organisationId)).Select(e => e.Type).ToList();
        Assert.Contains("MemberRoleChanged", events);
        Assert.Contains("MemberLeft", events);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%PersonalDataErasureRequested' AND body->>'accountId' = @id",
            new { id = admin.Id.ToString() }));
    }

    [Fact]
    public async Task Signing_up_with_someone_elses_address_does_not_reach_their_invitations()
    {
        var admin = await client.NewPersonAsync("admin");
        var organisationId = await client.RegisterAsync(admin);
        var invitee = DirectoryClient.NewAddress("invitee");
        var invited = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{organisationId}/invitations", admin.Token, new { email = invitee, role = "member" });
        Assert.True(invited.IsSuccessStatusCode, await invited.Content.ReadAsStringAsync());

        // Someone signs up with the invitee's address, never confirms it, and erases the account.
        await client.SignUpAsync(invitee);
        var impostor = (await client.SignInAsync(invitee)).GetProperty("accessToken").GetString()!;
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/directory/me", impostor)).StatusCode);

        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM invitations WHERE organisation_id = @organisationId AND lower(email) = lower(@invitee)", new { organisationId, invitee }));
    }

    [Theory]
    [InlineData("/api/directory/auth/token", """{"email":"a\u0000b@verein.de","password":"a long passphrase"}""", HttpStatusCode.BadRequest)]
    [InlineData("/api/directory/accounts", """{"email":"nul@verein.de","password":"a long passphrase","displayName":"A\u0000B","locale":"de"}""", HttpStatusCode.BadRequest)]
    public async Task A_nul_character_in_any_text_is_a_400_not_a_500(string path, string body, HttpStatusCode expected)
    {
        var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(expected, response.StatusCode);
        Assert.NotEmpty(await response.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_address_that_cannot_be_one_gets_the_same_401_as_a_wrong_password()
    {
        var response = await client.PostAsync("/api/directory/auth/token",
            new StringContent($$"""{"email":"{{new string('a', 300)}}@verein.de","password":"a long passphrase"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_organisation_sends_at_most_its_daily_share_of_invitations()
    {
        var admin = await client.NewPersonAsync("admin");
        var organisationId = await client.RegisterAsync(admin);
        await using var connection = new NpgsqlConnection(directory.Database.ConnectionString);
        await connection.ExecuteAsync(
            """
            INSERT INTO invitations (id, organisation_id, email, role, token_hash, invited_by_account_id, created_at, expires_at)
            SELECT gen_random_uuid(), @organisationId, 'earlier' || n || '@verein.de', 'member', decode(md5(random()::text || n), 'hex'), @admin, now() - interval '1 hour', now() + interval '6 days'
            FROM generate_series(1, @count) n
            """,
            new { organisationId, admin = admin.Id, count = Network.Directory.Data.MembershipInvitationStore.DailyLimitPerOrganisation });

        var refused = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{organisationId}/invitations", admin.Token, new { email = DirectoryClient.NewAddress("one-more"), role = "member" });

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(refused.Headers.Contains("Retry-After"));
    }
}
