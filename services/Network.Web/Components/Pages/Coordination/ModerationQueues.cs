using Network.Web.Api;

namespace Network.Web.Components.Pages.Coordination;

/// <summary>What waits for a moderation decision in all services, as one list.</summary>
/// <param name="Items">Oldest first.</param>
/// <param name="More">A service had more than one page: the list shows the oldest hundred of each.</param>
/// <param name="Unavailable">The services that did not answer.</param>
public sealed record ModerationQueues(IReadOnlyList<CoordinationQueueItem> Items, bool More, IReadOnlyList<string> Unavailable)
{
    /// <summary>The four queues, asked for at once, merged and sorted by how long each entry has waited.</summary>
    public static async Task<ModerationQueues> ReadAsync(NetworkApi api)
    {
        var services = NetworkApi.ModeratedServices;
        var answers = await Task.WhenAll(services.Select(service => api.ModerationQueueAsync(service)));
        var items = services.Zip(answers)
            .SelectMany(pair => (pair.Second.Value?.Items ?? []).Select(item => item with { Service = pair.First }))
            .Where(NeedsModeration)
            .OrderBy(item => item.WaitingSince)
            .ToList();
        return new ModerationQueues(
            items,
            answers.Any(answer => answer.Value?.NextCursor is not null),
            services.Zip(answers).Where(pair => !pair.Second.Succeeded).Select(pair => pair.First).ToList());
    }

    // A pending organisation is held in the directory's queue until it is verified; unless someone
    // reported it, it is the verification page's business, not a moderation matter.
    private static bool NeedsModeration(CoordinationQueueItem item) =>
        !(item.ContentType == "organisation" && item.State == "held" && item.OpenReports == 0);
}
