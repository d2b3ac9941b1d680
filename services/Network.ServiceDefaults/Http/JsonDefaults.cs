using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.ServiceDefaults.Http;

/// <summary>The JSON rules of the public API (shared/API.md): camelCase, enums as snake_case strings.</summary>
public static class JsonDefaults
{
    public static void Apply(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.DictionaryKeyPolicy = JsonNamingPolicy.CamelCase;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        // A typo in a field name is a mistake the client should hear about, not silently lose.
        options.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        // Only the documented snake_case names are accepted for enums: no numbers, no C# names.
        options.Converters.Add(new SnakeCaseEnumConverterFactory());
        options.Converters.Add(new StorableStringConverter());
    }

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        Apply(options);
        return options;
    }
}
