using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Network.Infra.Tests.Support;

/// <summary>
/// YAML read into <see cref="JsonNode"/>s, whose indexers keep a path through a compose file or a
/// manifest short: <c>service["build"]?["args"]?["PROJECT"]</c>. Scalars stay strings.
/// </summary>
internal static class Yaml
{
    public static JsonObject LoadObject(string path)
    {
        var documents = LoadAll(path);
        return documents is [JsonObject single]
            ? single
            : throw new InvalidDataException($"{path}: expected one YAML document holding a mapping, found {documents.Count} documents");
    }

    /// <summary>Every document of a file; a Kubernetes file may hold several, separated by <c>---</c>.</summary>
    public static IReadOnlyList<JsonObject> LoadAll(string path)
    {
        using var reader = File.OpenText(path);
        var stream = new YamlStream();
        try
        {
            stream.Load(reader);
        }
        catch (YamlException exception)
        {
            throw new InvalidDataException($"{path} is not valid YAML: {exception.Message}", exception);
        }

        return stream.Documents
            .Select(document => ToJson(document.RootNode) as JsonObject
                ?? throw new InvalidDataException($"{path}: a document is not a mapping"))
            .ToList();
    }

    /// <summary>The text of a scalar, or null where there is none (absent, or YAML's null).</summary>
    public static string? Text(this JsonNode? node) => node is JsonValue value ? value.GetValue<string>() : null;

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(child =>
            KeyValuePair.Create(((YamlScalarNode)child.Key).Value ?? string.Empty, ToJson(child.Value)))),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
        YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" } => null,
        YamlScalarNode scalar => JsonValue.Create(scalar.Value),
        _ => throw new InvalidDataException($"Unexpected YAML node at {node.Start}"),
    };
}
