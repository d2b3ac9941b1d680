using System.Text.Json;
using System.Text.Json.Serialization;

namespace Network.ServiceDefaults.Http;

/// <summary>
/// A field of a partial update (PATCH): it tells a field the client left out (<see cref="IsSet"/>
/// false: keep what is stored) from one it sent, even as null (clear it). A nullable property
/// alone cannot tell the two apart. Unknown fields and wrong types are still rejected by the
/// API's JSON rules, naming the field.
/// </summary>
[JsonConverter(typeof(OptionalConverterFactory))]
public readonly struct Optional<T>
{
    public Optional(T value)
    {
        Value = value;
        IsSet = true;
    }

    public bool IsSet { get; }

    public T Value { get; }

    /// <summary>The sent value, or <paramref name="current"/> when the field was left out.</summary>
    public T Or(T current) => IsSet ? Value : current;

    public static implicit operator Optional<T>(T value) => new(value);
}

internal sealed class OptionalConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(OptionalConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalConverter<T> : JsonConverter<Optional<T>>
    {
        // Called for an explicit null too, so "clear this field" arrives as a set null.
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null && default(T) is null)
            {
                return new(default!);
            }

            // The value's own converter, not a nested Deserialize: a nested call would stamp its
            // own root path on a failure, and the client would not learn which field was wrong.
            var converter = (JsonConverter<T>)options.GetConverter(typeof(T));
            return new(converter.Read(ref reader, typeof(T), options)!);
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options)
        {
            if (value.IsSet)
            {
                JsonSerializer.Serialize(writer, value.Value, options);
            }
            else
            {
                writer.WriteNullValue();
            }
        }
    }
}
