using Network.Infra.Tests.Support;

namespace Network.Infra.Tests;

/// <summary>
/// infra/docker/Dockerfile cannot be built here (no Docker engine). What breaks it unnoticed is a
/// project or build file it does not copy in, so that is what these tests read.
/// </summary>
public sealed class The_dockerfile
{
    public const string RelativePath = "infra/docker/Dockerfile";

    /// <summary>Files at the root that change how every project builds.</summary>
    private static readonly string[] RootBuildFiles = ["global.json", "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props", "NuGet.config"];

    private readonly IReadOnlyList<string> lines = File.ReadAllLines(Repository.PathOf(RelativePath));

    [Fact]
    public void Copies_every_project_a_runnable_project_builds_from()
    {
        var copied = CopiedIntoTheBuildStage().Select(Repository.PathOf).ToList();
        Assert.NotEmpty(copied);
        var missing =
            from project in Repository.RunnableProjects
            from file in project.ProjectClosure()
            where !copied.Any(source => file == source || file.StartsWith(Path.TrimEndingDirectorySeparator(source) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            select $"{project}: {Path.GetRelativePath(Repository.Root, file)} is not copied into the build stage";
        Assert.Empty(missing.Distinct());
    }

    [Fact]
    public void Copies_the_build_files_at_the_root()
    {
        var copied = CopiedIntoTheBuildStage().ToHashSet(StringComparer.Ordinal);
        var missing = Directory.EnumerateFiles(Repository.Root)
            .Select(file => Path.GetFileName(file))
            .Where(name => RootBuildFiles.Contains(name, StringComparer.OrdinalIgnoreCase) && !copied.Contains(name));
        Assert.Empty(missing);
    }

    [Fact]
    public void Copies_only_what_exists()
    {
        var sources = Copies().Where(copy => !copy.FromAnotherStage).SelectMany(copy => copy.Sources).ToList();
        Assert.NotEmpty(sources);
        Assert.All(sources, source => Assert.True(
            File.Exists(Repository.PathOf(source)) || Directory.Exists(Repository.PathOf(source)),
            $"COPY {source}: not in the repository"));
    }

    [Fact]
    public void Leaves_build_output_and_local_state_out_of_the_build_context()
    {
        var ignored = File.ReadAllLines(Repository.PathOf(".dockerignore")).Select(line => line.Trim().TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        Assert.All(new[] { "**/bin", "**/obj", ".state", ".git" }, pattern => Assert.Contains(pattern, ignored));
    }

    /// <summary>The sources copied from the context into the stage that runs `dotnet publish`.</summary>
    private IEnumerable<string> CopiedIntoTheBuildStage()
    {
        var stage = Copies().Where(copy => copy.Stage == PublishingStage()).ToList();
        return stage.Where(copy => !copy.FromAnotherStage).SelectMany(copy => copy.Sources).Select(source => source.TrimEnd('/'));
    }

    private int PublishingStage()
    {
        var stage = -1;
        foreach (var line in lines)
        {
            if (Instruction(line) == "FROM")
            {
                stage++;
            }
            else if (line.Contains("dotnet publish", StringComparison.Ordinal))
            {
                return stage;
            }
        }

        throw new InvalidDataException(RelativePath + " has no stage that runs dotnet publish");
    }

    private IEnumerable<Copy> Copies()
    {
        var stage = -1;
        foreach (var line in lines)
        {
            var instruction = Instruction(line);
            if (instruction == "FROM")
            {
                stage++;
            }
            else if (instruction == "COPY")
            {
                var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
                var flags = words.TakeWhile(word => word.StartsWith("--", StringComparison.Ordinal)).ToList();
                var paths = words.Skip(flags.Count).ToList();
                yield return new Copy(stage, flags.Any(flag => flag.StartsWith("--from=", StringComparison.Ordinal)), paths.Take(paths.Count - 1).ToList());
            }
        }
    }

    private static string Instruction(string line) =>
        line.TrimStart().Split(' ', 2)[0].ToUpperInvariant();

    private sealed record Copy(int Stage, bool FromAnotherStage, IReadOnlyList<string> Sources);
}
