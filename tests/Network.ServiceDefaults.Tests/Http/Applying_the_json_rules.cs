using System.Text.Json;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Tests.Support;

namespace Network.ServiceDefaults.Tests.Http;

public sealed class Applying_the_json_rules
{
    private static readonly JsonSerializerOptions Options = JsonDefaults.Create();

    [Fact]
    public void Fields_are_camel_case_and_choices_are_snake_case_strings()
    {
        var json = JsonSerializer.Serialize(new OrganisationDraft("Nachbarschaftshaus", OrganisationKind.MigrantSelfOrganisation, 20), Options);

        Assert.Equal("""{"name":"Nachbarschaftshaus","kind":"migrant_self_organisation","places":20}""", json);
    }

    [Fact]
    public void A_snake_case_choice_is_read()
    {
        var draft = JsonSerializer.Deserialize<OrganisationDraft>("""{"name":"Bezirksamt","kind":"service_provider","places":5}""", Options);

        Assert.Equal(new OrganisationDraft("Bezirksamt", OrganisationKind.ServiceProvider, 5), draft);
    }

    [Theory]
    [InlineData("""{"name":"Bezirksamt","kind":1,"places":5}""")]
    [InlineData("""{"name":"Bezirksamt","kind":"1","places":5}""")]
    [InlineData("""{"name":"Bezirksamt","kind":"charity","places":5}""")]
    [InlineData("""{"name":"Bezirksamt","kind":"ServiceProvider","places":5}""")]
    [InlineData("""{"name":"Bezirksamt","kind":"SERVICE_PROVIDER","places":5}""")]
    [InlineData("""{"name":"Bezirksamt","kind":null,"places":5}""")]
    public void A_choice_that_is_not_one_of_the_documented_names_is_rejected(string body)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OrganisationDraft>(body, Options));

        Assert.Equal("$.kind", error.Path);
    }

    [Fact]
    public void A_field_the_type_does_not_have_is_rejected()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OrganisationDraft>(
            """{"name":"Bezirksamt","kind":"service_provider","places":5,"colour":"red"}""", Options));

        Assert.Contains("'colour'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_with_a_nul_character_is_rejected_with_its_field()
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<OrganisationDraft>(
            """{"name":"Bezirks\u0000amt","kind":"service_provider","places":5}""", Options));

        Assert.Equal("$.name", error.Path);
    }
}
