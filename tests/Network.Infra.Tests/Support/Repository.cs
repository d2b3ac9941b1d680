using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Network.Testing;

namespace Network.Infra.Tests.Support;

/// <summary>What the code says the deployment files must match: which processes run, what each needs, which settings exist.</summary>
internal static partial class Repository
{
    public static string Root => TestServers.RepositoryRoot;

    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    /// <summary>
    /// The processes of the platform: the web projects under services/ and gateway/. Found on disk
    /// rather than in the solution, so a new service cannot be missed by being left out of it.
    /// </summary>
    public static IReadOnlyList<RunnableProject> RunnableProjects { get; } =
        new[] { "services", "gateway" }
            .SelectMany(folder => Directory.EnumerateDirectories(PathOf(folder)))
            .Where(folder => File.Exists(Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Select(folder => new RunnableProject(Path.GetRelativePath(Root, folder).Replace('\\', '/')))
            .Where(project => project.IsWebApplication)
            .OrderBy(project => project.Folder, StringComparer.Ordinal)
            .ToList();

    public static RunnableProject Gateway => RunnableProjects.Single(project => project.Name == "gateway");

    /// <summary>
    /// Every NETWORK_* setting the services and the gateway read: the names their C# sources spell
    /// out, plus NETWORK_&lt;CLUSTER&gt;_URL for each of the gateway's clusters, a name the gateway
    /// builds from the cluster id (GatewaySettings.ServiceUrlVariable).
    /// </summary>
    public static IReadOnlySet<string> SettingsTheCodeReads { get; } =
        new[] { "services", "gateway" }
            .SelectMany(folder => SourceFiles(PathOf(folder), "*.cs"))
            .SelectMany(file => SettingName().Matches(File.ReadAllText(file)).Select(match => match.Groups[1].Value))
            .Concat(GatewayClusters.Select(ServiceUrlVariable))
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The YARP clusters in the gateway's appsettings.json: one per process behind it.</summary>
    public static IReadOnlyList<string> GatewayClusters
    {
        get
        {
            var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
            using var settings = JsonDocument.Parse(File.ReadAllText(PathOf("gateway/Network.Gateway/appsettings.json")), options);
            return settings.RootElement.GetProperty("ReverseProxy").GetProperty("Clusters")
                .EnumerateObject().Select(cluster => cluster.Name).ToList();
        }
    }

    public static string ServiceUrlVariable(string clusterId) => "NETWORK_" + clusterId.ToUpperInvariant() + "_URL";

    /// <summary>Files under a folder, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string folder, string pattern) =>
        Directory.EnumerateFiles(folder, pattern, SearchOption.AllDirectories)
            .Where(file => !Path.GetRelativePath(folder, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj"));

    [GeneratedRegex("\"(NETWORK_[A-Z0-9_]+)\"")]
    private static partial Regex SettingName();
}

/// <summary>A project that runs as a process, by its folder relative to the repository root (services/Network.Directory).</summary>
internal sealed record RunnableProject(string Folder)
{
    /// <summary>The process's name in compose and Kubernetes: services/Network.Directory runs as `directory`.</summary>
    public string Name => Path.GetFileName(Folder).Replace("Network.", string.Empty, StringComparison.Ordinal).ToLowerInvariant();

    public string ProjectFile => Repository.PathOf(Path.Combine(Folder, Path.GetFileName(Folder) + ".csproj"));

    public bool IsWebApplication => XDocument.Load(ProjectFile).Root?.Attribute("Sdk")?.Value == "Microsoft.NET.Sdk.Web";

    /// <summary>True when the service adds its own PostgreSQL database (ServiceDefaults' AddServiceDatabase).</summary>
    public bool HasDatabase => SourcesMention("AddServiceDatabase(");

    /// <summary>True when the service joins the bus (ServiceDefaults' AddServiceBus).</summary>
    public bool HasBus => SourcesMention("AddServiceBus(");

    /// <summary>True when the service sends mail (ServiceDefaults' AddMail).</summary>
    public bool SendsMail => SourcesMention("AddMail(");

    /// <summary>True when the service writes links that start with the platform's public address.</summary>
    public bool WritesPublicLinks => SourcesMention("PublicBaseUrl()");

    /// <summary>This project file and every project it references, directly or not, as full paths.</summary>
    public IReadOnlySet<string> ProjectClosure()
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([ProjectFile]);
        while (pending.TryPop(out var project))
        {
            if (!found.Add(project))
            {
                continue;
            }

            foreach (var reference in XDocument.Load(project).Descendants("ProjectReference"))
            {
                var include = reference.Attribute("Include")?.Value.Replace('\\', '/');
                if (include is not null)
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include)));
                }
            }
        }

        return found;
    }

    public override string ToString() => Folder;

    private bool SourcesMention(string text) =>
        Repository.SourceFiles(Repository.PathOf(Folder), "*.cs").Any(file => File.ReadAllText(file).Contains(text, StringComparison.Ordinal));
}
