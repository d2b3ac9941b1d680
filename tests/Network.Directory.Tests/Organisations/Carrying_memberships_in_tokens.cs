using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using Network.ServiceDefaults.Security;

namespace Network.Directory.Tests.Organisations;

public sealed class Carrying_memberships_in_tokens(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task A_new_token_and_me_name_the_organisations_with_the_role_in_each()
    {
        var admin = await client.NewPersonAsync("admin");
        var organisationId = await client.RegisterAsync(admin);

        var token = (await client.SignInAsync(admin.Email)).GetProperty("accessToken").GetString()!;
        var me = await (await client.GetAsync("/api/directory/me", admin with { Token = token })).ReadJsonAsync();

        var claims = new JwtSecurityTokenHandler().ReadJwtToken(token).Claims;
        var memberships = new ClaimsPrincipal(new ClaimsIdentity(claims)).Memberships();
        Assert.Equal("org_admin", Assert.Single(memberships, m => m.Key == organisationId).Value);
        var listed = Assert.Single(me.GetProperty("memberships").EnumerateArray());
        Assert.Equal(organisationId, listed.GetProperty("organisationId").GetGuid());
        Assert.Equal("org_admin", listed.GetProperty("role").GetString());
        Assert.Equal("pending", listed.GetProperty("organisationStatus").GetString());
    }

    [Fact]
    public async Task Someone_in_no_organisation_carries_no_membership()
    {
        var person = await client.NewPersonAsync("alone");

        var claims = new JwtSecurityTokenHandler().ReadJwtToken(person.Token).Claims;

        Assert.Empty(new ClaimsPrincipal(new ClaimsIdentity(claims)).Memberships());
        Assert.Empty((await (await client.GetAsync("/api/directory/me", person)).ReadJsonAsync()).GetProperty("memberships").EnumerateArray());
    }
}
