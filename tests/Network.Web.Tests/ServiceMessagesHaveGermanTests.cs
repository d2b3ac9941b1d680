using System.Text.RegularExpressions;
using Network.Web.Texts;

namespace Network.Web.Tests;

/// <summary>
/// A sentence added to a service (or the gateway) later must get its German too: this reads their source
/// the way the table was first collected – every string that reads like a sentence (capital letter
/// or quote first, a space inside, a full stop, question or exclamation mark last) – and names those
/// without German. What the services only log or throw, and files of texts that are not answers to
/// a request, are left out.
/// </summary>
public sealed partial class ServiceMessagesHaveGermanTests
{
    /// <summary>Texts in the services that never reach a problem document (demo data, notifications in both languages, the German certificate).</summary>
    private static readonly string[] NotAnswers = ["DemoNetwork.cs", "NotificationTexts.cs", "CertificateDocument.cs"];

    [Fact]
    public void Every_sentence_a_service_can_send_has_German()
    {
        var missing = ServiceSentences()
            .Where(s => !ApiMessages.HasGerman(s.Template))
            .Select(s => $"{s.Where}: {s.Template}")
            .ToList();

        Assert.True(missing.Count == 0, "No German in services/Network.Web/Texts/ApiMessages.German.cs for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_scan_finds_the_services_sentences()
    {
        // A scan that finds nothing (a moved folder, a changed layout) would pass for the wrong reason.
        var templates = ServiceSentences().Select(s => s.Template).ToList();

        Assert.Contains("A session must end after it starts.", templates);
        Assert.Contains("Search with at most {MaximumQueryWords} words and {MaximumQueryLength} characters on one line.", templates);
        Assert.True(templates.Count > 200, $"Only {templates.Count} sentences found.");
    }

    private static IEnumerable<(string Where, string Template)> ServiceSentences()
    {
        var root = RepositoryRoot();
        // The gateway answers some requests itself (rate limit, body too large, unknown path, a service down).
        var files = new[] { "services", "gateway" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*.cs", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            var folders = relative.Split('/');
            if (folders.Contains("Network.Web") || folders.Contains("bin") || folders.Contains("obj") || NotAnswers.Contains(folders[^1]))
            {
                continue;
            }

            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                if (line.TrimStart().StartsWith("//", StringComparison.Ordinal) || NotSentToClients().IsMatch(line))
                {
                    continue;
                }

                foreach (Match literal in StringLiteral().Matches(line))
                {
                    var text = literal.Groups["text"].Value.Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
                    if (!Sentence().IsMatch(text))
                    {
                        continue;
                    }

                    // In a plain string a brace is just a brace; the table writes it doubled, as an interpolated string does.
                    var template = literal.Groups["interpolated"].Success ? text : text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal);
                    yield return ($"{relative}:{i + 1}", template);
                }
            }
        }
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Network.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Network.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex(@"(?<![@\w""])(?<interpolated>\$)?""(?<text>(?:[^""\\\r\n]|\\.)*)""")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"^[A-Z'{].* .*[.?!]$")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"\bthrow\b|Exception\(|LoggerMessage|\bLog[A-Z]\w*\(")]
    private static partial Regex NotSentToClients();
}
