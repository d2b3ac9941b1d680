using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Network.Infra.Tests.Support;

namespace Network.Infra.Tests;

/// <summary>infra/compose/compose.yaml cannot run here (no Docker engine), so it is read and held against the code.</summary>
public sealed partial class The_compose_file
{
    private const string Loopback = "127.0.0.1";
    private const string TraceViewerImage = "jaegertracing/";

    private readonly ComposeFile compose = ComposeFile.Load();

    [Fact]
    public void Parses_into_services()
    {
        Assert.NotEmpty(compose.Services);
        Assert.All(compose.Services, service => Assert.True(
            service.Value["image"] is not null || service.Value["build"] is not null,
            $"{service.Key} has neither an image nor a build"));
    }

    [Fact]
    public void Builds_every_runnable_project_from_its_own_folder()
    {
        Assert.NotEmpty(Repository.RunnableProjects);
        var built = compose.BuiltServices().ToList();
        foreach (var project in Repository.RunnableProjects)
        {
            var services = built.Where(service => service.Project.TrimEnd('/') == project.Folder).Select(service => service.Name).ToList();
            Assert.True(services.Count == 1, $"{project} should be built by one compose service, is built by [{string.Join(", ", services)}]");
        }
    }

    [Fact]
    public void Builds_only_projects_that_exist_with_the_dockerfile_from_the_repository_root()
    {
        var built = compose.BuiltServices().ToList();
        Assert.NotEmpty(built);
        foreach (var (name, service, project) in built)
        {
            var projectFile = Path.Combine(Repository.PathOf(project), Path.GetFileName(project.TrimEnd('/')) + ".csproj");
            Assert.True(File.Exists(projectFile), $"{name}: PROJECT {project} has no {Path.GetFileName(projectFile)}");

            var context = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ComposeFile.FullPath)!, service["build"]?["context"].Text() ?? "."));
            Assert.Equal(Path.TrimEndingDirectorySeparator(Repository.Root), Path.TrimEndingDirectorySeparator(context));

            var dockerfile = service["build"]?["dockerfile"].Text() ?? "Dockerfile";
            Assert.Equal(The_dockerfile.RelativePath, dockerfile);
        }
    }

    [Fact]
    public void Gives_every_service_with_a_database_its_own_database_and_the_broker()
    {
        var databases = new List<string>();
        foreach (var project in Repository.RunnableProjects)
        {
            var environment = ComposeFile.Environment(ServiceBuilding(project));
            if (project.HasDatabase)
            {
                var connection = environment.GetValueOrDefault(ServiceSettingNames.Database);
                Assert.False(string.IsNullOrWhiteSpace(connection), $"{project.Name} has a database but no {ServiceSettingNames.Database}");
                databases.Add(DatabaseName().Match(connection!).Groups[1].Value);
            }

            if (project.HasBus)
            {
                Assert.False(
                    string.IsNullOrWhiteSpace(environment.GetValueOrDefault(ServiceSettingNames.RabbitMq)),
                    $"{project.Name} joins the bus but has no {ServiceSettingNames.RabbitMq}");
            }
        }

        Assert.NotEmpty(databases);
        Assert.DoesNotContain(string.Empty, databases);
        Assert.Equal(databases.Count, databases.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Fact]
    public void Gives_every_service_that_writes_links_or_mail_the_public_address_and_the_mail_settings()
    {
        var missing =
            from project in Repository.RunnableProjects
            let environment = ComposeFile.Environment(ServiceBuilding(project))
            from name in ServiceSettingNames.ForLinksAndMail(project)
            where !environment.ContainsKey(name)
            select $"{project.Name}: {name}";
        Assert.Contains(Repository.RunnableProjects, project => project.Name == "messaging" && project.SendsMail && project.WritesPublicLinks);
        Assert.Empty(missing);
    }

    [Fact]
    public void Tells_the_gateway_where_every_cluster_is()
    {
        var environment = ComposeFile.Environment(ServiceBuilding(Repository.Gateway));
        Assert.All(Repository.GatewayClusters, cluster =>
            Assert.False(string.IsNullOrWhiteSpace(environment.GetValueOrDefault(Repository.ServiceUrlVariable(cluster))), $"the gateway has no {Repository.ServiceUrlVariable(cluster)}"));
    }

    [Fact]
    public void Names_only_settings_the_code_reads()
    {
        var unknown =
            from service in compose.Services
            from name in ComposeFile.Environment(service.Value).Keys
            where name.StartsWith("NETWORK_", StringComparison.Ordinal) && !Repository.SettingsTheCodeReads.Contains(name)
            select $"{service.Key}: {name}";
        Assert.Empty(unknown);
    }

    [Fact]
    public void Names_only_hosts_that_are_its_own_services()
    {
        var unknown =
            from service in compose.Services
            from setting in ComposeFile.Environment(service.Value)
            from host in HostsIn(setting.Value)
            where !compose.Services.ContainsKey(host)
            select $"{service.Key}: {setting.Key} names {host}";
        Assert.Empty(unknown);
    }

    [Fact]
    public void Waits_only_for_services_that_exist_and_for_health_only_where_it_is_checked()
    {
        var problems = new List<string>();
        foreach (var (name, service) in compose.Services)
        {
            foreach (var (target, condition) in ComposeFile.DependsOn(service))
            {
                if (!compose.Services.TryGetValue(target, out var dependency))
                {
                    problems.Add($"{name} depends on {target}, which is not a service");
                }
                else if (condition == "service_healthy" && dependency["healthcheck"] is null)
                {
                    problems.Add($"{name} waits for {target} to be healthy, but {target} has no healthcheck");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Starts_a_service_only_once_its_database_and_broker_are_healthy()
    {
        foreach (var (name, service, _) in compose.BuiltServices())
        {
            var dependsOn = ComposeFile.DependsOn(service);
            var environment = ComposeFile.Environment(service);
            foreach (var setting in new[] { ServiceSettingNames.Database, ServiceSettingNames.RabbitMq })
            {
                foreach (var host in HostsIn(environment.GetValueOrDefault(setting)))
                {
                    Assert.True(
                        dependsOn.GetValueOrDefault(host) == "service_healthy",
                        $"{name} should wait for {host} (its {setting}) with condition: service_healthy");
                }
            }
        }
    }

    [Fact]
    public void Checks_the_readiness_of_every_process_it_builds()
    {
        Assert.All(compose.BuiltServices(), built =>
        {
            var test = built.Service["healthcheck"]?["test"] as JsonArray;
            Assert.True(
                test is not null && test.Any(part => part.Text() == "/health/ready"),
                $"{built.Name} should have a healthcheck asking /health/ready");
        });
    }

    [Fact]
    public void Publishes_only_the_gateway_and_the_trace_viewer_and_only_on_loopback()
    {
        var gateway = ServiceName(Repository.Gateway);
        var traceViewer = compose.Services.Single(service => service.Value["image"].Text()?.StartsWith(TraceViewerImage, StringComparison.Ordinal) == true).Key;
        var allowed = new HashSet<(string Service, string Port)> { (gateway, "8080"), (traceViewer, "16686") };

        var problems = new List<string>();
        var published = new HashSet<(string, string)>();
        foreach (var (name, service) in compose.Services)
        {
            if (service["network_mode"].Text() == "host")
            {
                problems.Add($"{name} uses the host's network, which publishes every port it opens");
            }

            foreach (var port in service["ports"] as JsonArray ?? [])
            {
                var (hostAddress, target) = Publication(port);
                published.Add((name, target));
                if (hostAddress != Loopback)
                {
                    problems.Add($"{name} publishes {target} on {hostAddress ?? "every address"}, not only on {Loopback}");
                }

                if (!allowed.Contains((name, target)))
                {
                    problems.Add($"{name} publishes {target}; only the gateway's 8080 and the trace viewer's 16686 may be published");
                }
            }
        }

        Assert.Empty(problems);
        Assert.Contains((gateway, "8080"), published);
    }

    private JsonObject ServiceBuilding(RunnableProject project) =>
        compose.Services[ServiceName(project)];

    private string ServiceName(RunnableProject project) =>
        compose.BuiltServices().Single(service => service.Project.TrimEnd('/') == project.Folder).Name;

    /// <summary>Where a `ports` entry is published: the host address (null for all) and the container port.</summary>
    private static (string? HostAddress, string Target) Publication(JsonNode? port)
    {
        if (port is JsonObject longSyntax)
        {
            return (longSyntax["host_ip"].Text(), longSyntax["target"].Text() ?? string.Empty);
        }

        // HOST_IP:HOST_PORT:CONTAINER_PORT[/PROTOCOL]; the host port may be an interpolation with its own colon.
        var text = port.Text() ?? string.Empty;
        var target = text[(text.LastIndexOf(':') + 1)..].Split('/')[0];
        if (text.StartsWith('['))
        {
            return (text[1..text.IndexOf(']', StringComparison.Ordinal)], target);
        }

        var first = text.Split(':')[0];
        return (first.Contains('.', StringComparison.Ordinal) && IPAddress.TryParse(first, out _) ? first : null, target);
    }

    /// <summary>The hosts a setting points at: of a URL, or the Host= of a PostgreSQL connection string.</summary>
    private static IEnumerable<string> HostsIn(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield break;
        }

        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Host))
        {
            yield return uri.Host;
        }

        foreach (Match match in ConnectionStringHost().Matches(value))
        {
            yield return match.Groups[1].Value;
        }
    }

    [GeneratedRegex(@"(?:^|;)\s*Database\s*=\s*([^;]+)", RegexOptions.IgnoreCase)]
    private static partial Regex DatabaseName();

    [GeneratedRegex(@"(?:^|;)\s*(?:Host|Server)\s*=\s*([^;:,]+)", RegexOptions.IgnoreCase)]
    private static partial Regex ConnectionStringHost();
}
