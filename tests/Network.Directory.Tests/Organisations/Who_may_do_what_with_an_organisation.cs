using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Network.Directory.Tests.Organisations;

/// <summary>
/// Every kind of caller against every organisation endpoint, for a pending and a verified
/// organisation. Changes are sent with a body that fails validation, so whoever gets past the
/// access checks gets 400 and nothing changes between the cases.
/// </summary>
public sealed class Who_may_do_what_with_an_organisation(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    public enum Who
    {
        Anonymous,
        Stranger,
        AdminOfAnotherOrganisation,
        Member,
        OrgAdmin,
        Coordinator,
    }

    private sealed record Cast(Guid Pending, Guid Verified, IReadOnlyDictionary<Who, Person?> People);

    private static readonly ConditionalWeakTable<DirectoryApiFactory, Task<Cast>> Casts = [];

    private readonly HttpClient client = directory.CreateClient();

    public static TheoryData<string, string, string, Who, HttpStatusCode> Cases()
    {
        var data = new TheoryData<string, string, string, Who, HttpStatusCode>();
        void Row(string method, string path, string organisation, params HttpStatusCode[] byWho)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                data.Add(method, path, organisation, who, byWho[(int)who]);
            }
        }

        const HttpStatusCode ok = HttpStatusCode.OK, bad = HttpStatusCode.BadRequest, anon = HttpStatusCode.Unauthorized,
            forbidden = HttpStatusCode.Forbidden, hidden = HttpStatusCode.NotFound;
        //                                                       anonymous  stranger   other admin member     org_admin  coordinator
        Row("GET", "", "pending", hidden, hidden, hidden, ok, ok, ok);
        Row("GET", "", "verified", ok, ok, ok, ok, ok, ok);
        Row("PATCH", "", "pending", anon, hidden, hidden, forbidden, bad, bad);
        Row("PATCH", "", "verified", anon, forbidden, forbidden, forbidden, bad, bad);
        Row("POST", "/verification", "pending", anon, forbidden, forbidden, forbidden, forbidden, bad);
        Row("POST", "/suspension", "verified", anon, forbidden, forbidden, forbidden, forbidden, bad);
        Row("POST", "/invitations", "pending", anon, hidden, hidden, forbidden, bad, bad);
        Row("POST", "/invitations", "verified", anon, forbidden, forbidden, forbidden, bad, bad);
        Row("GET", "/members", "pending", anon, hidden, hidden, ok, ok, ok);
        Row("GET", "/members", "verified", anon, forbidden, forbidden, ok, ok, ok);
        Row("PUT", "/members/{member}", "verified", anon, forbidden, forbidden, forbidden, bad, bad);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Each_caller_gets_what_their_role_allows(string method, string path, string organisation, Who who, HttpStatusCode expected)
    {
        var cast = await Casts.GetValue(directory, _ => CastAsync());
        var id = organisation == "pending" ? cast.Pending : cast.Verified;
        var member = cast.People[Who.Member]!;
        using var request = new HttpRequestMessage(new HttpMethod(method), $"/api/directory/organisations/{id}{path.Replace("{member}", member.Id.ToString(), StringComparison.Ordinal)}");
        if (cast.People[who] is { } person)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", person.Token);
        }

        if (method != "GET")
        {
            // Fails validation for whoever may make the change: an empty name, no decision, no e-mail, no role.
            request.Content = new StringContent(method == "PATCH" ? """{"name":""}""" : "{}", Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        }

        var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<Cast> CastAsync()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync("admin");
        var member = await client.NewPersonAsync("member");
        var otherAdmin = await client.NewPersonAsync("other");
        var stranger = await client.NewPersonAsync("stranger");
        const string pendingName = "Kurdischer Elternverein Kalk e.V.", verifiedName = "Somalische Community Porz e.V.";
        var pending = await client.RegisterAsync(admin, OrganisationClient.Profile(pendingName));
        var verified = await client.RegisterVerifiedAsync(admin, coordinator, OrganisationClient.Profile(verifiedName));
        await client.RegisterVerifiedAsync(otherAdmin, coordinator, OrganisationClient.Profile("Jugendamt Köln-Porz", ("kind", "service_provider")));
        foreach (var (organisation, name) in new[] { (pending, pendingName), (verified, verifiedName) })
        {
            var invited = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{organisation}/invitations", admin.Token, new { email = member.Email, role = "member" });
            Assert.Equal(HttpStatusCode.Created, invited.StatusCode);
            var mail = await directory.Mailbox.WaitForAsync(member.Email, m => m.Subject.Contains(name, StringComparison.Ordinal));
            var accepted = await client.SendAsync(HttpMethod.Post, "/api/directory/invitations/accept", member.Token, new { token = mail.Token });
            Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        }

        return new Cast(pending, verified, new Dictionary<Who, Person?>
        {
            [Who.Anonymous] = null,
            [Who.Stranger] = stranger,
            [Who.AdminOfAnotherOrganisation] = otherAdmin,
            [Who.Member] = member,
            [Who.OrgAdmin] = admin,
            [Who.Coordinator] = coordinator,
        });
    }
}
