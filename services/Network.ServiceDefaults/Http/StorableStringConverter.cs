using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.ServiceDefaults.Http;

/// <summary>
/// Refuses strings with a NUL character, which PostgreSQL cannot store in text: without this,
/// a "\u0000" in any field would reach the database and fail there as a 500. Refused here, the
/// client gets a 400 naming the field.
/// </summary>
public sealed class StorableStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value is not null && value.Contains('\0', StringComparison.Ordinal)
            ? throw new JsonException("The text contains a NUL character (\\u0000), which cannot be stored.")
            : value;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
