using System.Globalization;
using System.Text.Json.Nodes;
using Network.Infra.Tests.Support;

namespace Network.Infra.Tests;

/// <summary>
/// infra/k8s, read file by file as kustomize would list them; no cluster and no kubectl needed.
/// (`kubectl kustomize infra/k8s` renders it where kubectl exists.)
/// </summary>
public sealed class The_kubernetes_manifests
{
    private const string ExampleSecretFile = "secret.example.yaml";

    private readonly Kustomization kustomization = Kustomization.Load();

    [Fact]
    public void List_only_files_that_exist_and_parse_into_named_resources()
    {
        Assert.NotEmpty(kustomization.ResourceFiles);
        Assert.All(kustomization.ResourceFiles, file => Assert.True(File.Exists(Kustomization.PathOf(file)), $"{file} is listed but missing"));
        Assert.All(kustomization.Resources, resource =>
        {
            Assert.False(string.IsNullOrEmpty(resource["apiVersion"].Text()), "a resource without apiVersion");
            Assert.False(string.IsNullOrEmpty(resource["kind"].Text()), "a resource without kind");
            Assert.False(string.IsNullOrEmpty(Kustomization.Name(resource)), $"a {resource["kind"].Text()} without a name");
        });
        Assert.Equal("network", kustomization.Document["namespace"].Text());
    }

    [Fact]
    public void Run_every_runnable_project_in_two_or_more_replicas_behind_a_service()
    {
        Assert.NotEmpty(Repository.RunnableProjects);
        foreach (var project in Repository.RunnableProjects)
        {
            var deployment = kustomization.Named("Deployment", project.Name);
            Assert.True(deployment is not null, $"{project} has no Deployment named {project.Name}");
            Assert.True(int.Parse(deployment["spec"]?["replicas"].Text() ?? "1", CultureInfo.InvariantCulture) >= 2, $"{project.Name} should run at least two replicas");

            var podLabels = deployment["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [];
            var service = kustomization.Named("Service", project.Name);
            Assert.True(service is not null, $"{project} has no Service named {project.Name}");
            var selector = service["spec"]?["selector"] as JsonObject ?? [];
            Assert.NotEmpty(selector);
            Assert.All(selector, label => Assert.True(
                podLabels[label.Key].Text() == label.Value.Text(),
                $"the Service {project.Name} selects {label.Key}={label.Value.Text()}, which its pods do not have"));
        }
    }

    [Fact]
    public void Probe_readiness_and_liveness_and_limit_resources_in_every_deployment()
    {
        var deployments = kustomization.OfKind("Deployment").ToList();
        Assert.NotEmpty(deployments);
        foreach (var deployment in deployments)
        {
            var name = Kustomization.Name(deployment);
            var containers = Kustomization.Containers(deployment).ToList();
            Assert.NotEmpty(containers);
            foreach (var container in containers)
            {
                // The gateway's own /health/ready aggregates every service; one unready service must
                // not take the whole site out of the Ingress, so the gateway is ready when it is live.
                var readinessPath = name == "gateway" ? "/health/live" : "/health/ready";
                Assert.True(container["readinessProbe"]?["httpGet"]?["path"].Text() == readinessPath, $"{name}: readinessProbe should ask {readinessPath}");
                Assert.True(container["livenessProbe"]?["httpGet"]?["path"].Text() == "/health/live", $"{name}: livenessProbe should ask /health/live");
                foreach (var bound in new[] { "requests", "limits" })
                {
                    foreach (var resource in new[] { "cpu", "memory" })
                    {
                        Assert.True(
                            !string.IsNullOrWhiteSpace(container["resources"]?[bound]?[resource].Text()),
                            $"{name}: resources.{bound}.{resource} is not set");
                    }
                }
            }
        }
    }

    [Fact]
    public void Give_every_service_with_a_database_its_database_and_the_broker()
    {
        foreach (var project in Repository.RunnableProjects.Where(project => project.HasDatabase || project.HasBus))
        {
            var deployment = kustomization.Named("Deployment", project.Name);
            Assert.NotNull(deployment);
            var names = Kustomization.Containers(deployment).SelectMany(kustomization.EnvironmentNames).ToList();
            if (project.HasDatabase)
            {
                Assert.True(names.Contains(ServiceSettingNames.Database), $"{project.Name} has a database but no {ServiceSettingNames.Database}");
            }

            if (project.HasBus)
            {
                Assert.True(names.Contains(ServiceSettingNames.RabbitMq), $"{project.Name} joins the bus but has no {ServiceSettingNames.RabbitMq}");
            }
        }
    }

    [Fact]
    public void Give_every_service_that_writes_links_or_mail_the_public_address_and_the_mail_settings()
    {
        var missing =
            from project in Repository.RunnableProjects
            let deployment = kustomization.Named("Deployment", project.Name)
            let names = deployment is null ? [] : Kustomization.Containers(deployment).SelectMany(kustomization.EnvironmentNames).ToHashSet()
            from name in ServiceSettingNames.ForLinksAndMail(project)
            where !names.Contains(name)
            select $"{project.Name}: {name}";
        Assert.Empty(missing);
    }

    [Fact]
    public void Tell_the_gateway_where_every_cluster_is()
    {
        var gateway = kustomization.Named("Deployment", Repository.Gateway.Name);
        Assert.NotNull(gateway);
        var names = Kustomization.Containers(gateway).SelectMany(kustomization.EnvironmentNames).ToHashSet();
        Assert.All(Repository.GatewayClusters, cluster =>
            Assert.True(names.Contains(Repository.ServiceUrlVariable(cluster)), $"the gateway has no {Repository.ServiceUrlVariable(cluster)}"));
    }

    [Fact]
    public void Name_only_settings_the_code_reads()
    {
        var containerSettings =
            from deployment in kustomization.OfKind("Deployment")
            from container in Kustomization.Containers(deployment)
            from name in kustomization.EnvironmentNames(container)
            select (Where: Kustomization.Name(deployment), Name: name);
        var configMapSettings =
            from configMap in kustomization.OfKind("ConfigMap")
            from entry in configMap["data"] as JsonObject ?? []
            select (Where: Kustomization.Name(configMap), Name: entry.Key);

        var unknown = containerSettings.Concat(configMapSettings)
            .Where(setting => setting.Name.StartsWith("NETWORK_", StringComparison.Ordinal) && !Repository.SettingsTheCodeReads.Contains(setting.Name))
            .Select(setting => $"{setting.Where}: {setting.Name}");
        Assert.Empty(unknown);
    }

    [Fact]
    public void Refer_only_to_config_maps_they_define_and_to_secret_keys_the_example_shows()
    {
        var example = Yaml.LoadObject(Kustomization.PathOf(ExampleSecretFile));
        var exampleName = Kustomization.Name(example);
        var exampleKeys = (example["stringData"] as JsonObject ?? []).Select(entry => entry.Key).ToHashSet(StringComparer.Ordinal);

        var problems = new List<string>();
        foreach (var deployment in kustomization.OfKind("Deployment"))
        {
            foreach (var container in Kustomization.Containers(deployment))
            {
                foreach (var source in container["envFrom"] as JsonArray ?? [])
                {
                    var configMap = source?["configMapRef"]?["name"].Text();
                    if (configMap is not null && kustomization.Named("ConfigMap", configMap) is null)
                    {
                        problems.Add($"{Kustomization.Name(deployment)} takes the ConfigMap {configMap}, which is not defined");
                    }
                }

                foreach (var variable in container["env"] as JsonArray ?? [])
                {
                    var secret = variable?["valueFrom"]?["secretKeyRef"];
                    if (secret is not null && (secret["name"].Text() != exampleName || !exampleKeys.Contains(secret["key"].Text() ?? string.Empty)))
                    {
                        problems.Add($"{Kustomization.Name(deployment)}: {variable!["name"].Text()} reads {secret["name"].Text()}/{secret["key"].Text()}, which {ExampleSecretFile} does not show");
                    }
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void Keep_the_example_secret_an_example_that_is_never_applied()
    {
        Assert.DoesNotContain(ExampleSecretFile, kustomization.ResourceFiles);
        Assert.DoesNotContain(kustomization.Resources, resource => resource["kind"].Text() == "Secret");

        var example = Yaml.LoadObject(Kustomization.PathOf(ExampleSecretFile));
        var values = example["stringData"] as JsonObject ?? [];
        Assert.NotEmpty(values);
        Assert.All(values, entry => Assert.True(
            entry.Value.Text()?.Contains("EXAMPLE", StringComparison.Ordinal) == true,
            $"{ExampleSecretFile}: {entry.Key} should hold an obvious EXAMPLE value, never a real one"));
    }

    [Fact]
    public void Let_only_the_gateway_in_from_outside()
    {
        var gateway = Repository.Gateway.Name;
        var problems = new List<string>();
        foreach (var service in kustomization.OfKind("Service"))
        {
            var type = service["spec"]?["type"].Text() ?? "ClusterIP";
            if (type != "ClusterIP" && Kustomization.Name(service) != gateway)
            {
                problems.Add($"the Service {Kustomization.Name(service)} is of type {type}; only the gateway may be reached from outside");
            }
        }

        var ingressBackends = (
            from ingress in kustomization.OfKind("Ingress")
            from backend in IngressBackends(ingress)
            select backend).ToList();
        problems.AddRange(ingressBackends.Where(backend => backend != gateway).Select(backend => $"an Ingress sends traffic to {backend}"));
        Assert.Empty(problems);

        var gatewayExposed = ingressBackends.Contains(gateway)
            || kustomization.Named("Service", gateway)?["spec"]?["type"].Text() is "LoadBalancer" or "NodePort";
        Assert.True(gatewayExposed, "nothing brings traffic in to the gateway: no Ingress to it, and its Service is internal");
    }

    private static IEnumerable<string> IngressBackends(JsonObject ingress)
    {
        if (ingress["spec"]?["defaultBackend"]?["service"]?["name"].Text() is { } fallback)
        {
            yield return fallback;
        }

        foreach (var rule in ingress["spec"]?["rules"] as JsonArray ?? [])
        {
            foreach (var path in rule?["http"]?["paths"] as JsonArray ?? [])
            {
                yield return path?["backend"]?["service"]?["name"].Text() ?? "(no service)";
            }
        }
    }
}
