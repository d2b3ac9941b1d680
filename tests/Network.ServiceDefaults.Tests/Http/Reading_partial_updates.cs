using System.Text.Json;
using Network.ServiceDefaults.Http;

namespace Network.ServiceDefaults.Tests.Http;

public sealed class Reading_partial_updates
{
    private static readonly JsonSerializerOptions Options = JsonDefaults.Create();

    public enum Kind
    {
        Mso,
        ServiceProvider,
    }

    public sealed record Patch
    {
        public Optional<string?> Name { get; init; }

        public Optional<Kind> Kind { get; init; }

        public Optional<IReadOnlyList<string>?> Regions { get; init; }
    }

    [Fact]
    public void A_field_left_out_is_not_set()
    {
        var patch = JsonSerializer.Deserialize<Patch>("""{"name":"Verein"}""", Options)!;

        Assert.Equal((true, "Verein"), (patch.Name.IsSet, patch.Name.Value));
        Assert.False(patch.Kind.IsSet);
        Assert.False(patch.Regions.IsSet);
        Assert.Equal(["berlin"], patch.Regions.Or(["berlin"]));
    }

    [Fact]
    public void A_field_sent_as_null_is_set_to_null()
    {
        var patch = JsonSerializer.Deserialize<Patch>("""{"name":null,"regions":null}""", Options)!;

        Assert.True(patch.Name.IsSet);
        Assert.Null(patch.Name.Or("kept"));
        Assert.True(patch.Regions.IsSet);
        Assert.Null(patch.Regions.Value);
    }

    [Fact]
    public void Values_are_read_with_the_api_rules()
    {
        var patch = JsonSerializer.Deserialize<Patch>("""{"kind":"service_provider","regions":["berlin","koeln"]}""", Options)!;

        Assert.Equal(Kind.ServiceProvider, patch.Kind.Value);
        Assert.Equal(["berlin", "koeln"], patch.Regions.Value);
    }

    [Theory]
    [InlineData("""{"kind":"charity"}""", "$.kind")]
    [InlineData("""{"kind":null}""", "$.kind")]
    [InlineData("""{"name":42}""", "$.name")]
    [InlineData("""{"regions":"berlin"}""", "$.regions")]
    public void A_wrong_value_names_its_field(string body, string path)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Patch>(body, Options));

        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void An_unknown_field_is_still_refused() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Patch>("""{"colour":"blue"}""", Options));
}
