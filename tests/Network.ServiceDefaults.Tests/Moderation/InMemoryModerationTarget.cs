using System.Collections.Concurrent;
using System.Security.Claims;
using Network.ServiceDefaults.Moderation;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Moderation;

/// <summary>
/// A kind of content kept in memory, to exercise the shared moderation module without a service's
/// tables. It does not take part in the transaction, so tests that roll back look at the database only.
/// </summary>
internal sealed class InMemoryModerationTarget(string contentType) : IModerationTarget
{
    private readonly ConcurrentDictionary<Guid, ModeratedContent> contents = new();

    public string ContentType => contentType;

    /// <summary>Set to make the next ApplyAsync fail, as a service's own SQL might.</summary>
    public Exception? FailNextApply { get; set; }

    public ModeratedContent Add(ModerationState state, DateTime? heldSince = null, Guid? owner = null)
    {
        var content = new ModeratedContent(Guid.CreateVersion7(), $"{contentType} {contents.Count + 1}", state, owner, state == ModerationState.Held ? heldSince : null);
        contents[content.Id] = content;
        return content;
    }

    public ModeratedContent this[Guid id] => contents[id];

    public Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult(contents.GetValueOrDefault(id));

    public Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModeratedContent>>(ids.Where(contents.ContainsKey).Select(id => contents[id]).ToList());

    public Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<ModeratedContent>>(contents.Values
            .Where(content => content.State == ModerationState.Held)
            .Where(content => after is not { } position || (content.HeldSince!.Value, content.Id).CompareTo(position) > 0)
            .OrderBy(content => content.HeldSince).ThenBy(content => content.Id)
            .Take(limit)
            .ToList());

    public Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        Task.FromResult(content.State == ModerationState.Visible);

    public Task ApplyAsync(ModeratedContent content, ModerationDecision decision, string reason, DateTime decidedAt, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (FailNextApply is { } failure)
        {
            FailNextApply = null;
            throw failure;
        }

        var state = decision switch
        {
            ModerationDecision.Approve or ModerationDecision.Restore => ModerationState.Visible,
            _ => ModerationState.Hidden,
        };
        contents[content.Id] = content with { State = state, HeldSince = null };
        return Task.CompletedTask;
    }
}
