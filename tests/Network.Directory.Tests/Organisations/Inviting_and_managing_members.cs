using System.Net;

namespace Network.Directory.Tests.Organisations;

public sealed class Inviting_and_managing_members(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task An_invited_person_joins_with_the_token_from_the_mail_once()
    {
        var admin = await client.NewPersonAsync("admin");
        var id = await client.RegisterAsync(admin);
        var invitee = await client.NewPersonAsync("invitee");

        var invited = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{id}/invitations", admin.Token, new { email = invitee.Email, role = "member" });

        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var invitation = await invited.ReadJsonAsync();
        Assert.False(invitation.TryGetProperty("token", out _));
        Assert.InRange(invitation.GetProperty("expiresAt").GetDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromDays(6.9), TimeSpan.FromDays(7));
        var mail = await directory.Mailbox.WaitForAsync(invitee.Email, IsInvitation);
        Assert.Contains("Vietnamesischer Elternverein Lichtenberg e.V.", mail.Subject);
        Assert.StartsWith(DirectoryApiFactory.PublicUrl + "/einladung/annehmen?token=", mail.Link);

        var accepted = await client.SendAsync(HttpMethod.Post, "/api/directory/invitations/accept", invitee.Token, new { token = mail.Token });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(id, (await accepted.ReadJsonAsync()).GetProperty("organisationId").GetGuid());
        var seenByInvitee = await (await client.GetAsync($"/api/directory/organisations/{id}", invitee)).ReadJsonAsync();
        Assert.Equal("member", seenByInvitee.GetProperty("myRole").GetString());
        var joined = (await directory.EventsAboutAsync(id))[^1];
        Assert.Equal(("MemberJoined", invitee.Id, "member"), (joined.Type, joined.Body.GetProperty("accountId").GetGuid(), joined.Body.GetProperty("role").GetString()));

        var again = await client.SendAsync(HttpMethod.Post, "/api/directory/invitations/accept", invitee.Token, new { token = mail.Token });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal(["token"], await again.ErrorFieldsAsync());
    }

    [Fact]
    public async Task An_invitation_works_only_for_the_invited_address()
    {
        var admin = await client.NewPersonAsync("admin");
        var id = await client.RegisterAsync(admin);
        var invited = DirectoryClient.NewAddress("invited");
        var someoneElse = await client.NewPersonAsync("someone");
        await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{id}/invitations", admin.Token, new { email = invited, role = "org_admin" });
        var mail = await directory.Mailbox.WaitForAsync(invited, IsInvitation);

        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/invitations/accept", someoneElse.Token, new { token = mail.Token });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{id}", someoneElse)).StatusCode);
    }

    [Fact]
    public async Task Only_admins_invite_and_invitations_are_checked()
    {
        var admin = await client.NewPersonAsync("admin");
        var coordinator = await client.CoordinatorAsync();
        var id = await client.RegisterVerifiedAsync(admin, coordinator);
        var member = await JoinAsync(id, admin, "member");
        var stranger = await client.NewPersonAsync("stranger");
        var path = $"/api/directory/organisations/{id}/invitations";

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, path, member.Token, new { email = DirectoryClient.NewAddress(), role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, path, stranger.Token, new { email = DirectoryClient.NewAddress(), role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { email = DirectoryClient.NewAddress(), role = "org_admin" })).StatusCode);
        var bad = await client.SendAsync(HttpMethod.Post, path, admin.Token, new { email = "kein-email" });
        Assert.Equal(["email", "role"], (await bad.ErrorFieldsAsync()).Order());
        Assert.Equal(["role"], await (await client.SendAsync(HttpMethod.Post, path, admin.Token, new { email = DirectoryClient.NewAddress(), role = "owner" })).ErrorFieldsAsync());
    }

    [Fact]
    public async Task The_last_org_admin_cannot_leave_but_a_member_can()
    {
        var admin = await client.NewPersonAsync("admin");
        var id = await client.RegisterAsync(admin);
        var member = await JoinAsync(id, admin, "member");

        var adminLeaves = await client.SendAsync(HttpMethod.Delete, $"/api/directory/organisations/{id}/members/me", admin.Token);
        var memberLeaves = await client.SendAsync(HttpMethod.Delete, $"/api/directory/organisations/{id}/members/me", member.Token);

        Assert.Equal(HttpStatusCode.Conflict, adminLeaves.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, memberLeaves.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{id}", member)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Delete, $"/api/directory/organisations/{id}/members/me", member.Token)).StatusCode);
        var left = (await directory.EventsAboutAsync(id))[^1];
        Assert.Equal(("MemberLeft", member.Id), (left.Type, left.Body.GetProperty("accountId").GetGuid()));
    }

    [Fact]
    public async Task Roles_change_but_an_organisation_keeps_an_org_admin()
    {
        var admin = await client.NewPersonAsync("admin");
        var id = await client.RegisterAsync(admin);
        var member = await JoinAsync(id, admin, "member");
        string Path(Person who) => $"/api/directory/organisations/{id}/members/{who.Id}";

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, Path(admin), member.Token, new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Put, Path(admin), admin.Token, new { role = "member" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, Path(member), admin.Token, new { role = "org_admin" })).StatusCode);
        var changed = (await directory.EventsAboutAsync(id))[^1];
        Assert.Equal(("MemberRoleChanged", member.Id, "org_admin"), (changed.Type, changed.Body.GetProperty("accountId").GetGuid(), changed.Body.GetProperty("role").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/directory/organisations/{id}/members/me", admin.Token)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Put, Path(admin), member.Token, new { role = "member" })).StatusCode);
        Assert.Equal(["role"], await (await client.SendAsync(HttpMethod.Put, Path(member), member.Token, new { role = (string?)null })).ErrorFieldsAsync());
    }

    [Fact]
    public async Task Members_and_coordinators_see_the_member_list_no_one_else()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync("admin");
        var id = await client.RegisterVerifiedAsync(admin, coordinator);
        var member = await JoinAsync(id, admin, "member");
        var stranger = await client.NewPersonAsync("stranger");
        var path = $"/api/directory/organisations/{id}/members";

        var list = await (await client.GetAsync(path, member)).ReadJsonAsync();
        Assert.Equal([(admin.Id, "org_admin"), (member.Id, "member")], list.EnumerateArray().Select(m => (m.GetProperty("accountId").GetGuid(), m.GetProperty("role").GetString())));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, coordinator)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync(path, stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(path, null)).StatusCode);

        var pending = await client.RegisterAsync(admin, OrganisationClient.Profile("Noch nicht geprüft"));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{pending}/members", stranger)).StatusCode);
    }

    /// <summary>People who signed up also get a confirmation mail; the invitation is the other one.</summary>
    private static bool IsInvitation(ReceivedMail mail) => mail.Subject.StartsWith("Einladung", StringComparison.Ordinal);

    /// <summary>Invites a new person with <paramref name="role"/> and lets them accept.</summary>
    private async Task<Person> JoinAsync(Guid organisationId, Person admin, string role)
    {
        var person = await client.NewPersonAsync(role);
        var invited = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{organisationId}/invitations", admin.Token, new { email = person.Email, role });
        Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
        var mail = await directory.Mailbox.WaitForAsync(person.Email, IsInvitation);
        var accepted = await client.SendAsync(HttpMethod.Post, "/api/directory/invitations/accept", person.Token, new { token = mail.Token });
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        return person;
    }
}
