using System.Text.Json.Nodes;

namespace Network.Infra.Tests.Support;

/// <summary>
/// infra/k8s: the kustomization and the resources it lists, read without kubectl (CI machines
/// may not have it). Kustomize's own additions (namespace, common labels) are not applied.
/// </summary>
internal sealed class Kustomization
{
    public const string Folder = "infra/k8s";

    private Kustomization(JsonObject document, IReadOnlyList<string> resourceFiles, IReadOnlyList<JsonObject> resources)
    {
        Document = document;
        ResourceFiles = resourceFiles;
        Resources = resources;
    }

    public JsonObject Document { get; }

    /// <summary>The files listed under `resources`, relative to the kustomization.</summary>
    public IReadOnlyList<string> ResourceFiles { get; }

    public IReadOnlyList<JsonObject> Resources { get; }

    public static string PathOf(string file) => Repository.PathOf(Path.Combine(Folder, file));

    public static Kustomization Load()
    {
        var document = Yaml.LoadObject(PathOf("kustomization.yaml"));
        var files = (document["resources"] as JsonArray ?? [])
            .Select(entry => entry.Text() ?? throw new InvalidDataException("An empty entry under resources"))
            .ToList();
        var resources = files.SelectMany(file => Yaml.LoadAll(PathOf(file))).ToList();
        return new Kustomization(document, files, resources);
    }

    public IEnumerable<JsonObject> OfKind(string kind) => Resources.Where(resource => resource["kind"].Text() == kind);

    public JsonObject? Named(string kind, string name) => OfKind(kind).SingleOrDefault(resource => Name(resource) == name);

    public static string? Name(JsonObject resource) => resource["metadata"]?["name"].Text();

    public static IEnumerable<JsonObject> Containers(JsonObject deployment) =>
        (deployment["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>
    /// The environment variables a container gets: its own `env`, and the keys of every ConfigMap
    /// it takes whole with `envFrom`.
    /// </summary>
    public IReadOnlyList<string> EnvironmentNames(JsonObject container)
    {
        var own = (container["env"] as JsonArray ?? []).Select(entry => entry?["name"].Text() ?? string.Empty);
        var fromConfigMaps = (container["envFrom"] as JsonArray ?? [])
            .Select(source => source?["configMapRef"]?["name"].Text())
            .OfType<string>()
            .SelectMany(name => (Named("ConfigMap", name)?["data"] as JsonObject ?? []).Select(entry => entry.Key));
        return own.Concat(fromConfigMaps).ToList();
    }
}
