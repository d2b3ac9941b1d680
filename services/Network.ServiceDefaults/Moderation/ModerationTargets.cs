using System.Text.RegularExpressions;

namespace Network.ServiceDefaults.Moderation;

/// <summary>The kinds of content this service lets coordinators moderate, by their `contentType`.</summary>
public sealed partial class ModerationTargets
{
    private readonly Dictionary<string, IModerationTarget> byType = new(StringComparer.Ordinal);

    public ModerationTargets(IEnumerable<IModerationTarget> targets)
    {
        foreach (var target in targets)
        {
            // Checked at start-up: the names are part of the public API and of stored rows.
            if (!ContentTypeName().IsMatch(target.ContentType))
            {
                throw new InvalidOperationException($"{target.GetType().Name}: '{target.ContentType}' is not a lower snake_case content type.");
            }

            if (!byType.TryAdd(target.ContentType, target))
            {
                throw new InvalidOperationException($"Two moderation targets claim the content type '{target.ContentType}'.");
            }
        }

        ContentTypes = byType.Keys.Order(StringComparer.Ordinal).ToList();
    }

    public IReadOnlyList<string> ContentTypes { get; }

    public IEnumerable<IModerationTarget> All => ContentTypes.Select(type => byType[type]);

    public IModerationTarget? Find(string? contentType) =>
        contentType is not null && byType.TryGetValue(contentType, out var target) ? target : null;

    /// <summary>What is wrong with a `contentType` a client sent, or null when it names one of ours.</summary>
    public string? ContentTypeProblem(string? contentType) => contentType switch
    {
        null or "" => $"Say what kind of content this is: {Choices}.",
        _ when Find(contentType) is null => $"'{contentType}' is not a kind of content here; choose {Choices}.",
        _ => null,
    };

    private string Choices => ContentTypes.Count == 0 ? "(this service has none)" : string.Join(", ", ContentTypes.Select(type => $"'{type}'"));

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex ContentTypeName();
}
