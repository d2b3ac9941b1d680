using System.Text.Json.Nodes;

namespace Network.Infra.Tests.Support;

/// <summary>infra/compose/compose.yaml, read as compose reads it (both the map and the list forms where compose allows both).</summary>
internal sealed class ComposeFile
{
    public const string RelativePath = "infra/compose/compose.yaml";

    private ComposeFile(JsonObject document)
    {
        Document = document;
        Services = (document["services"] as JsonObject ?? throw new InvalidDataException(RelativePath + " has no services"))
            .ToDictionary(service => service.Key, service => service.Value as JsonObject ?? [], StringComparer.Ordinal);
    }

    public JsonObject Document { get; }

    public IReadOnlyDictionary<string, JsonObject> Services { get; }

    public static string FullPath => Repository.PathOf(RelativePath);

    public static ComposeFile Load() => new(Yaml.LoadObject(FullPath));

    /// <summary>The services built from our Dockerfile, by the PROJECT they build.</summary>
    public IEnumerable<(string Name, JsonObject Service, string Project)> BuiltServices() =>
        from service in Services
        let project = BuildArguments(service.Value).GetValueOrDefault("PROJECT")
        where project is not null
        select (service.Key, service.Value, project);

    public static IReadOnlyDictionary<string, string?> BuildArguments(JsonObject service) =>
        service["build"] is JsonObject build ? KeyValues(build["args"]) : new Dictionary<string, string?>();

    public static IReadOnlyDictionary<string, string?> Environment(JsonObject service) => KeyValues(service["environment"]);

    /// <summary>The services this one waits for, with the condition (service_started where only a name is given).</summary>
    public static IReadOnlyDictionary<string, string> DependsOn(JsonObject service) => service["depends_on"] switch
    {
        JsonObject map => map.ToDictionary(
            entry => entry.Key,
            entry => entry.Value?["condition"].Text() ?? "service_started",
            StringComparer.Ordinal),
        JsonArray list => list.ToDictionary(entry => entry.Text() ?? string.Empty, _ => "service_started", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };

    /// <summary>Compose's `KEY: value` map or `- KEY=value` list.</summary>
    private static Dictionary<string, string?> KeyValues(JsonNode? node) => node switch
    {
        JsonObject map => map.ToDictionary(entry => entry.Key, entry => entry.Value.Text(), StringComparer.Ordinal),
        JsonArray list => list
            .Select(entry => (entry.Text() ?? string.Empty).Split('=', 2))
            .ToDictionary(parts => parts[0], parts => parts.Length == 2 ? parts[1] : null, StringComparer.Ordinal),
        _ => new Dictionary<string, string?>(StringComparer.Ordinal),
    };
}
