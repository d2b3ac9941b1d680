namespace Network.Matching.Domain;

/// <summary>What an answer to a suggestion did.</summary>
public enum AnswerOutcome
{
    /// <summary>The answer is recorded and the suggestion changed.</summary>
    Recorded,

    /// <summary>The side had given this answer already; nothing changed (and nothing is published again).</summary>
    AlreadyGiven,

    /// <summary>This interest was the second side's: the suggestion became a partnership.</summary>
    PartnershipFormed,

    /// <summary>The suggestion is no longer open (declined, closed, or already a partnership): 409.</summary>
    NotOpen,

    /// <summary>One of its listings is not listed any more (expired since the last expiry pass, say): no interest, 409.</summary>
    ListingUnavailable,
}

/// <summary>
/// How each side answers a suggestion. Either side may say it is interested or decline, with a
/// reason, while the suggestion is open; interest from both sides forms a partnership. A side may
/// decline after having been interested (plans change); once declined or closed, the suggestion
/// takes no more answers, and a partnership is final.
/// </summary>
public static class SuggestionRules
{
    public const int MaximumDeclineReasonLength = 1000;

    /// <summary>
    /// Records the side's interest. Repeating it is harmless, also once the partnership is formed (two
    /// members of an organisation may click at the same moment).
    /// </summary>
    public static (Suggestion Suggestion, AnswerOutcome Outcome) ExpressInterest(Suggestion suggestion, SuggestionSide side, DateTimeOffset now)
    {
        if (suggestion.IsInterested(side) && suggestion.Status is SuggestionStatus.Open or SuggestionStatus.Partnership)
        {
            return (suggestion, AnswerOutcome.AlreadyGiven);
        }

        if (suggestion.Status != SuggestionStatus.Open)
        {
            return (suggestion, AnswerOutcome.NotOpen);
        }

        var interested = side == SuggestionSide.Offer
            ? suggestion with { OfferInterestedAt = now, UpdatedAt = now }
            : suggestion with { RequestInterestedAt = now, UpdatedAt = now };
        return interested.IsInterested(side.Other())
            ? (interested with { Status = SuggestionStatus.Partnership, ClosedAt = now }, AnswerOutcome.PartnershipFormed)
            : (interested, AnswerOutcome.Recorded);
    }

    public static (Suggestion Suggestion, AnswerOutcome Outcome) Decline(Suggestion suggestion, SuggestionSide side, string? reason, DateTimeOffset now)
    {
        if (suggestion.Status == SuggestionStatus.Declined && suggestion.DeclinedByOrganisationId == suggestion.OrganisationOn(side))
        {
            return (suggestion, AnswerOutcome.AlreadyGiven);
        }

        if (suggestion.Status != SuggestionStatus.Open)
        {
            return (suggestion, AnswerOutcome.NotOpen);
        }

        return (suggestion with
        {
            Status = SuggestionStatus.Declined,
            DeclinedByOrganisationId = suggestion.OrganisationOn(side),
            DeclineReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            UpdatedAt = now,
            ClosedAt = now,
        }, AnswerOutcome.Recorded);
    }

    /// <summary>
    /// Why a listing's suggestions close when it is not listed any more, in the order the owner would
    /// want to hear it: what the organisation did (withdrew), then time (expired), then moderation,
    /// then the organisation's standing. Null while it is listed.
    /// </summary>
    public static SuggestionClosedReason? UnavailableBecause(Listing listing, DateTimeOffset now) =>
        listing.Status == ListingStatus.Withdrawn ? SuggestionClosedReason.Withdrawn
        : listing.IsExpired(now) ? SuggestionClosedReason.Expired
        : listing.IsHidden ? SuggestionClosedReason.Hidden
        : listing.IsHeld ? SuggestionClosedReason.OrganisationUnavailable
        : null;
}

/// <summary>
/// What bringing one listing's suggestions up to date changes; <see cref="SuggestionRefresh"/>
/// decides it, the store carries it out.
/// </summary>
public sealed record SuggestionChanges(
    IReadOnlyList<MatchSuggestion> ToCreate,
    IReadOnlyList<(Suggestion Suggestion, MatchSuggestion Fit)> ToUpdate,
    IReadOnlyList<(Suggestion Suggestion, MatchSuggestion Fit)> ToReopen,
    IReadOnlyList<(Suggestion Suggestion, SuggestionClosedReason Reason)> ToClose)
{
    public bool IsEmpty => ToCreate.Count == 0 && ToUpdate.Count == 0 && ToReopen.Count == 0 && ToClose.Count == 0;
}

/// <summary>
/// Keeps a listing's stored suggestions in step with what fits now. Called whenever the listing, its
/// organisation's standing or its moderation changes, and by the expiry job; it reads the current
/// state, not the event that triggered it, so running it twice, or for events in another order,
/// leaves the same suggestions.
/// <list type="bullet">
/// <item>A listing that is not listed (withdrawn, expired, hidden, organisation not verified) has
/// no open suggestions: they close, with the reason.</item>
/// <item>A listed listing has at most <see cref="MaximumOpenPerListing"/> open suggestions of its
/// own making: free places are filled with its best counterparts it has no suggestion with yet.
/// Those closed earlier (a listing was hidden, expired, changed) open again when they fit again,
/// with their answers cleared: what either side said was about what the listings were then.</item>
/// <item>Open suggestions keep up with changes: new score and reasons while the two still fit
/// (even when no longer among the best: nobody should lose a suggestion they may be answering
/// because a third listing appeared), closed as <c>no_longer_fits</c> otherwise.</item>
/// <item>A declined suggestion or a partnership is never changed again.</item>
/// </list>
/// </summary>
public static class SuggestionRefresh
{
    /// <summary>
    /// How many open suggestions refreshing one listing fills up to. Enough to choose from, few enough
    /// that a suggestion stays worth reading; the rest can be found with the live ranking
    /// (`GET /listings/{id}/matches`). A counterpart's own refresh may still add to them: a new
    /// listing that fits is news worth telling.
    /// </summary>
    public const int MaximumOpenPerListing = 10;

    public static SuggestionChanges WhenUnavailable(IEnumerable<Suggestion> existing, SuggestionClosedReason reason) =>
        new([], [], [], existing.Where(s => s.Status == SuggestionStatus.Open).Select(s => (s, reason)).ToList());

    /// <param name="listingId">The listing being refreshed.</param>
    /// <param name="existing">Every stored suggestion the listing is part of, whatever its status.</param>
    /// <param name="best">The listing's best counterparts now, best first (MatchScoring.Rank), at least as many as it has suggestions plus free places.</param>
    /// <param name="stillFitting">The current fit of counterparts of open and closed suggestions that are not among <paramref name="best"/>, where they still fit.</param>
    public static SuggestionChanges WhenListed(
        Guid listingId,
        IReadOnlyCollection<Suggestion> existing,
        IReadOnlyList<MatchSuggestion> best,
        IReadOnlyDictionary<Guid, MatchSuggestion> stillFitting)
    {
        var byCounterpart = existing.ToDictionary(s => s.CounterpartOf(listingId));
        var bestByCounterpart = best.ToDictionary(fit => fit.Candidate.ListingId);
        var update = new List<(Suggestion, MatchSuggestion)>();
        var reopen = new List<(Suggestion, MatchSuggestion)>();
        var close = new List<(Suggestion, SuggestionClosedReason)>();
        var open = 0;

        foreach (var suggestion in existing.Where(s => s.Status is SuggestionStatus.Open or SuggestionStatus.Closed))
        {
            var counterpart = suggestion.CounterpartOf(listingId);
            var fit = bestByCounterpart.GetValueOrDefault(counterpart) ?? stillFitting.GetValueOrDefault(counterpart);
            if (suggestion.Status == SuggestionStatus.Closed)
            {
                if (fit is not null)
                {
                    reopen.Add((suggestion, fit));
                    open++;
                }
            }
            else if (fit is null)
            {
                close.Add((suggestion, SuggestionClosedReason.NoLongerFits));
            }
            else
            {
                open++;
                if (fit.Score != suggestion.Score || !fit.Reasons.SequenceEqual(suggestion.Reasons))
                {
                    update.Add((suggestion, fit));
                }
            }
        }

        var create = best.Where(fit => !byCounterpart.ContainsKey(fit.Candidate.ListingId)).Take(Math.Max(0, MaximumOpenPerListing - open)).ToList();
        return new SuggestionChanges(create, update, reopen, close);
    }
}
