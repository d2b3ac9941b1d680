using System.Net;
using System.Text.Json;

namespace Network.Directory.Tests.Organisations;

public sealed class Registering_and_editing_an_organisation(DirectoryApiFactory directory) : IClassFixture<DirectoryApiFactory>
{
    private readonly HttpClient client = directory.CreateClient();

    [Fact]
    public async Task The_creator_becomes_org_admin_of_a_pending_organisation_announced_through_the_outbox()
    {
        var admin = await client.NewPersonAsync("admin");

        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/organisations", admin.Token, OrganisationClient.Profile());

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await response.ReadJsonAsync();
        var id = body.GetProperty("id").GetGuid();
        Assert.Equal($"/api/directory/organisations/{id}", response.Headers.Location!.ToString());
        Assert.Equal("\"1\"", response.Headers.ETag!.ToString());
        Assert.Equal(("pending", "mso", "org_admin"), (body.GetProperty("status").GetString(), body.GetProperty("kind").GetString(), body.GetProperty("myRole").GetString()));
        Assert.Equal("lan@elternverein.example", body.GetProperty("contactPersons")[0].GetProperty("email").GetString());

        var events = await directory.EventsAboutAsync(id);
        Assert.Equal(["OrganisationRegistered", "MemberJoined"], events.Select(e => e.Type));
        Assert.Equal(admin.Id, events[0].Body.GetProperty("createdByAccountId").GetGuid());
        Assert.Equal(["berlin_lichtenberg"], events[0].Body.GetProperty("regions").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal((admin.Id, "org_admin"), (events[1].Body.GetProperty("accountId").GetGuid(), events[1].Body.GetProperty("role").GetString()));
    }

    [Fact]
    public async Task Registering_needs_a_signed_in_person()
    {
        var response = await client.PostAsync("/api/directory/organisations", JsonContent(OrganisationClient.Profile()));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public static TheoryData<string, object?, string, string?> BadInput => new()
    {
        { "name", "", "name", null },
        { "name", new string('n', 10_000), "name", null },
        { "name", null, "name", null },
        { "kind", "charity", "kind", null },
        { "kind", "ServiceProvider", "kind", null },
        { "regions", new[] { "berlin_lichtenberg", "berlin_atlantis" }, "regions", "berlin_atlantis" },
        { "regions", Array.Empty<string>(), "regions", null },
        { "topics", new[] { "astrology" }, "topics", "astrology" },
        { "languages", new[] { "klingon" }, "languages", "klingon" },
        { "targetGroups", new[] { "aliens" }, "targetGroups", "aliens" },
        { "email", "kein-email", "email", null },
        { "website", "javascript:alert(1)", "website", null },
        { "description", new string('d', 5_001), "description", null },
        { "regions", "berlin", "regions", null },
        { "founded", 1990, "founded", null },
    };

    [Theory]
    [MemberData(nameof(BadInput))]
    public async Task Bad_input_is_a_400_naming_the_field_and_the_bad_code(string field, object? value, string errorField, string? mentioned)
    {
        var admin = await directory.SharedPersonAsync();
        var profile = OrganisationClient.Profile();
        if (value is null)
        {
            profile.Remove(field);
        }
        else
        {
            profile[field] = value;
        }

        var response = await client.SendAsync(HttpMethod.Post, "/api/directory/organisations", admin.Token, profile);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var errors = (await response.ReadJsonAsync()).GetProperty("errors");
        Assert.True(errors.TryGetProperty(errorField, out var messages), $"no error for {errorField}: {errors}");
        if (mentioned is not null)
        {
            Assert.Contains(messages.EnumerateArray(), message => message.GetString()!.Contains(mentioned, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Html_and_sql_looking_text_is_stored_and_returned_as_data()
    {
        var admin = await client.NewPersonAsync();
        const string name = "<script>alert('x')</script> Verein'); DROP TABLE organisations;--";
        const string description = "<img src=x onerror=alert(1)> ' OR 1=1 -- \"; DELETE FROM memberships;";

        var id = await client.RegisterAsync(admin, OrganisationClient.Profile(name, ("description", description)));

        var read = await (await client.GetAsync($"/api/directory/organisations/{id}", admin)).ReadJsonAsync();
        Assert.Equal((name, description), (read.GetProperty("name").GetString(), read.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_pending_organisation_is_seen_only_by_its_members_and_coordinators()
    {
        var admin = await client.NewPersonAsync();
        var stranger = await client.NewPersonAsync();
        var coordinator = await client.CoordinatorAsync();
        var id = await client.RegisterAsync(admin);
        var path = $"/api/directory/organisations/{id}";

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(path, stranger)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, admin)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(path, coordinator)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/directory/organisations/{Guid.NewGuid()}", coordinator)).StatusCode);
    }

    [Fact]
    public async Task An_edit_without_if_match_is_428_and_with_a_stale_one_412()
    {
        var admin = await client.NewPersonAsync();
        var id = await client.RegisterAsync(admin);
        var etag = await client.ETagOfAsync(id, admin);

        var without = await client.PatchAsync(id, admin, new { description = "Neu" }, ifMatch: null);
        var first = await client.PatchAsync(id, admin, new { description = "Erste Änderung" }, etag);
        var stale = await client.PatchAsync(id, admin, new { description = "Zweite Änderung auf altem Stand" }, etag);

        Assert.Equal(HttpStatusCode.PreconditionRequired, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(first.Headers.ETag!.ToString(), (await stale.ReadJsonAsync()).GetProperty("currentETag").GetString());
        var read = await (await client.GetAsync($"/api/directory/organisations/{id}", admin)).ReadJsonAsync();
        Assert.Equal("Erste Änderung", read.GetProperty("description").GetString());
    }

    [Fact]
    public async Task A_partial_update_changes_only_the_fields_sent_and_is_announced()
    {
        var admin = await client.NewPersonAsync();
        var id = await client.RegisterAsync(admin);
        var etag = await client.ETagOfAsync(id, admin);

        var response = await client.PatchAsync(id, admin, new { topics = new[] { "education", "health" }, phone = (string?)null }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"2\"", response.Headers.ETag!.ToString());
        var body = await response.ReadJsonAsync();
        Assert.Equal(["education", "health"], body.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal(JsonValueKind.Null, body.GetProperty("phone").ValueKind);
        Assert.Equal("Vietnamesischer Elternverein Lichtenberg e.V.", body.GetProperty("name").GetString());
        Assert.Equal("kontakt@elternverein.example", body.GetProperty("email").GetString());
        Assert.Equal(["vi", "de"], body.GetProperty("languages").EnumerateArray().Select(t => t.GetString()));

        var events = await directory.EventsAboutAsync(id);
        Assert.Equal("OrganisationProfileUpdated", events[^1].Type);
        Assert.Equal(["education", "health"], events[^1].Body.GetProperty("topics").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("""{"name":null}""", "name")]
    [InlineData("""{"kind":null}""", "kind")]
    [InlineData("""{"kind":"verein"}""", "kind")]
    [InlineData("""{"regions":[]}""", "regions")]
    [InlineData("""{"regions":["berlin_atlantis"]}""", "regions")]
    [InlineData("""{"regions":"berlin"}""", "regions")]
    [InlineData("""{"email":"nope"}""", "email")]
    [InlineData("""{"colour":"blue"}""", "colour")]
    public async Task A_bad_partial_update_is_a_400_naming_the_field_and_changes_nothing(string body, string field)
    {
        var admin = await directory.SharedPersonAsync();
        var id = await client.RegisterAsync(admin);
        var etag = await client.ETagOfAsync(id, admin);

        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/directory/organisations/{id}") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", admin.Token);
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.ErrorFieldsAsync());
        Assert.Equal(etag, await client.ETagOfAsync(id, admin));
    }

    [Fact]
    public async Task Members_who_are_not_admins_may_not_edit_and_strangers_do_not_see_it()
    {
        var admin = await client.NewPersonAsync();
        var stranger = await client.NewPersonAsync();
        var id = await client.RegisterAsync(admin);
        var etag = await client.ETagOfAsync(id, admin);

        var response = await client.PatchAsync(id, stranger, new { description = "Übernommen" }, etag);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_coordinator_may_edit_any_profile()
    {
        var admin = await client.NewPersonAsync();
        var coordinator = await client.CoordinatorAsync();
        var id = await client.RegisterAsync(admin);

        var response = await client.PatchAsync(id, coordinator, new { website = "https://neu.example" }, await client.ETagOfAsync(id, coordinator));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://neu.example", (await response.ReadJsonAsync()).GetProperty("website").GetString());
    }

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
