using System.Net;
using System.Text.Json;

namespace Network.Directory.Tests.Organisations;

public sealed class Verifying_and_suspending_organisations(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task A_verified_organisation_is_public_without_personal_contact_data()
    {
        var admin = await client.NewPersonAsync();
        var coordinator = await client.CoordinatorAsync();
        var id = await client.RegisterAsync(admin);

        var verified = await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{id}/verification", coordinator.Token, new { decision = "verify", reason = "Satzung geprüft" });

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.Equal("verified", (await verified.ReadJsonAsync()).GetProperty("status").GetString());
        var events = await directory.EventsAboutAsync(id);
        Assert.Equal("OrganisationVerified", events[^1].Type);
        Assert.NotEqual(Guid.Empty, events[^1].Body.GetProperty("coordinatorAccountId").GetGuid());

        var anonymous = await client.GetAsync($"/api/directory/organisations/{id}", null);
        Assert.Equal(HttpStatusCode.OK, anonymous.StatusCode);
        var profile = await anonymous.ReadJsonAsync();
        Assert.False(profile.GetProperty("contactDataVisible").GetBoolean());
        foreach (var field in new[] { "email", "phone", "contactPersons", "statusReason", "myRole" })
        {
            Assert.Equal(JsonValueKind.Null, profile.GetProperty(field).ValueKind);
        }

        Assert.Equal("https://elternverein.example", profile.GetProperty("website").GetString());
        Assert.DoesNotContain("lan@elternverein.example", await anonymous.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Signed_in_members_of_verified_organisations_see_contact_data_others_do_not()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync();
        var id = await client.RegisterVerifiedAsync(admin, coordinator);
        var networkMember = await client.NewPersonAsync();
        await client.RegisterVerifiedAsync(networkMember, coordinator, OrganisationClient.Profile("Gesundheitsamt Lichtenberg", ("kind", "service_provider")));
        var pendingMember = await client.NewPersonAsync();
        await client.RegisterAsync(pendingMember, OrganisationClient.Profile("Neue Initiative"));
        var outsider = await client.NewPersonAsync();

        async Task<JsonElement> Read(Person who) => await (await client.GetAsync($"/api/directory/organisations/{id}", who)).ReadJsonAsync();

        var seenByNetwork = await Read(networkMember);
        Assert.True(seenByNetwork.GetProperty("contactDataVisible").GetBoolean());
        Assert.Equal("kontakt@elternverein.example", seenByNetwork.GetProperty("email").GetString());
        Assert.Equal("Lan Nguyen", seenByNetwork.GetProperty("contactPersons")[0].GetProperty("name").GetString());
        Assert.False((await Read(pendingMember)).GetProperty("contactDataVisible").GetBoolean());
        Assert.Equal(JsonValueKind.Null, (await Read(outsider)).GetProperty("email").ValueKind);
    }

    [Fact]
    public async Task Rejecting_needs_a_reason_and_a_rejected_organisation_asks_again_by_editing()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync();
        var id = await client.RegisterAsync(admin);
        var path = $"/api/directory/organisations/{id}/verification";

        var withoutReason = await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { decision = "reject" });
        Assert.Equal(HttpStatusCode.BadRequest, withoutReason.StatusCode);
        Assert.Equal(["reason"], await withoutReason.ErrorFieldsAsync());

        var rejected = await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { decision = "reject", reason = "Keine Satzung eingereicht." });
        Assert.Equal("rejected", (await rejected.ReadJsonAsync()).GetProperty("status").GetString());
        var rejection = (await directory.EventsAboutAsync(id))[^1];
        Assert.Equal(("OrganisationRejected", "Keine Satzung eingereicht."), (rejection.Type, rejection.Body.GetProperty("reason").GetString()));
        var seenByAdmin = await (await client.GetAsync($"/api/directory/organisations/{id}", admin)).ReadJsonAsync();
        Assert.Equal("Keine Satzung eingereicht.", seenByAdmin.GetProperty("statusReason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{id}", null)).StatusCode);

        var edited = await client.PatchAsync(id, admin, new { description = "Satzung liegt jetzt bei." }, await client.ETagOfAsync(id, admin));
        var afterEdit = await edited.ReadJsonAsync();
        Assert.Equal("pending", afterEdit.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, afterEdit.GetProperty("statusReason").ValueKind);
    }

    [Fact]
    public async Task Suspension_takes_an_organisation_out_and_reinstatement_brings_it_back()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync();
        var id = await client.RegisterVerifiedAsync(admin, coordinator);
        var path = $"/api/directory/organisations/{id}/suspension";

        Assert.Equal(["reason"], await (await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { suspended = true })).ErrorFieldsAsync());
        var suspended = await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { suspended = true, reason = "Beschwerden werden geprüft." });
        Assert.Equal("suspended", (await suspended.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/directory/organisations/{id}", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { suspended = true, reason = "Nochmal" })).StatusCode);

        var reinstated = await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { suspended = false });
        Assert.Equal("verified", (await reinstated.ReadJsonAsync()).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/directory/organisations/{id}", null)).StatusCode);

        var events = (await directory.EventsAboutAsync(id)).Select(e => e.Type).ToList();
        Assert.Equal(["OrganisationRegistered", "MemberJoined", "OrganisationVerified", "OrganisationSuspended", "OrganisationReinstated"], events);
    }

    [Fact]
    public async Task Only_coordinators_decide_and_a_decision_is_taken_once()
    {
        var coordinator = await client.CoordinatorAsync();
        var admin = await client.NewPersonAsync();
        var id = await client.RegisterAsync(admin);
        var path = $"/api/directory/organisations/{id}/verification";

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, path, admin.Token, new { decision = "verify" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{id}/suspension", admin.Token, new { suspended = false })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsync(path, new StringContent("{\"decision\":\"verify\"}", System.Text.Encoding.UTF8, "application/json"))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { decision = "verify" })).StatusCode);

        var again = await client.SendAsync(HttpMethod.Post, path, coordinator.Token, new { decision = "verify" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var problem = await again.ReadJsonAsync();
        Assert.Equal((409, "verified"), (problem.GetProperty("status").GetInt32(), problem.GetProperty("organisationStatus").GetString()));
        Assert.Single(await directory.EventsAboutAsync(id), e => e.Type == "OrganisationVerified");
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/directory/organisations/{Guid.NewGuid()}/verification", coordinator.Token, new { decision = "verify" })).StatusCode);
    }
}
