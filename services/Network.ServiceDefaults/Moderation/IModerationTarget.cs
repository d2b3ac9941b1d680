using System.Security.Claims;
using Npgsql;

namespace Network.ServiceDefaults.Moderation;

/// <summary>
/// One kind of content a service lets coordinators moderate, registered with
/// <see cref="ModerationExtensions.AddModerationTarget{TTarget}"/>. The shared moderation API finds,
/// lists and changes the content only through this, always inside the transaction in which it
/// records the report or decision, so the content and the moderation tables never disagree.
/// </summary>
public interface IModerationTarget
{
    /// <summary>The name clients use in `contentType`: lower snake_case, unique within the service (`organisation`).</summary>
    string ContentType { get; }

    /// <summary>
    /// The content, or null when there is none with this id. Lock its row (`FOR UPDATE`) for the
    /// rest of the transaction: reports and decisions on one piece of content then happen one
    /// after the other, each seeing the state the previous one left.
    /// </summary>
    Task<ModeratedContent?> FindAsync(Guid id, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>Those of <paramref name="ids"/> that exist, without locking: the queue only reads.</summary>
    Task<IReadOnlyList<ModeratedContent>> DescribeAsync(IReadOnlyCollection<Guid> ids, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Content waiting for review, ordered by <see cref="ModeratedContent.HeldSince"/> then id, only
    /// what comes after <paramref name="after"/>, at most <paramref name="limit"/> items. Exactly the
    /// content that <see cref="FindAsync"/> describes as <see cref="ModerationState.Held"/>.
    /// </summary>
    Task<IReadOnlyList<ModeratedContent>> HeldAsync((DateTime Since, Guid Id)? after, int limit, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a signed-in person who is not a coordinator may see the content, and so report it.
    /// Content they may not see is answered as if it did not exist.
    /// </summary>
    Task<bool> IsVisibleToAsync(ModeratedContent content, ClaimsPrincipal reader, NpgsqlTransaction transaction, CancellationToken cancellationToken);

    /// <summary>
    /// Carries out a decision that <see cref="ModerationRules"/> allowed. After a hide or reject the
    /// content must no longer be Held or Visible; after a restore no longer Hidden. Open reports,
    /// the audit log and the event are the caller's.
    /// </summary>
    Task ApplyAsync(ModeratedContent content, ModerationDecision decision, string reason, DateTime decidedAt, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
