using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.ServiceDefaults.Http;

/// <summary>
/// Enums on the wire are exactly their documented snake_case names (`service_provider`). The
/// framework's string-enum converter also accepts the C# names in any case and numbers in quotes;
/// a client that sends those would come to rely on them, so this one accepts nothing else.
/// </summary>
public sealed class SnakeCaseEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(SnakeCaseEnumConverter<>).MakeGenericType(typeToConvert))!;

    private sealed class SnakeCaseEnumConverter<TEnum> : JsonConverter<TEnum>
        where TEnum : struct, Enum
    {
        private static readonly Dictionary<TEnum, string> Names = Enum.GetValues<TEnum>()
            .ToDictionary(value => value, value => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString()));

        private static readonly Dictionary<string, TEnum> Values = Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

        public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String && Values.TryGetValue(reader.GetString()!, out var value))
            {
                return value;
            }

            throw new JsonException($"Expected one of: {string.Join(", ", Values.Keys)}.");
        }

        public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WriteStringValue(Names.TryGetValue(value, out var name) ? name : throw new JsonException($"{value} is not a named {typeof(TEnum).Name}."));

        public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            Values.TryGetValue(reader.GetString()!, out var value) ? value : throw new JsonException($"Expected one of: {string.Join(", ", Values.Keys)}.");

        public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
            writer.WritePropertyName(Names[value]);
    }
}
