using Dapper;
using Network.Matching.Domain;
using Npgsql;

namespace Network.Matching.Data;

/// <summary>
/// What the ranking compares of every listing that can be listed (its codes and its words) and the
/// standing of every organisation, held in this instance's memory, so that all of a listing's
/// counterparts are scored by <see cref="MatchScoring"/>'s own formula and ordered in a few
/// milliseconds. Asking the database to do the same meant scoring thousands of rows per refresh (a
/// common topic in Berlin has about 9,000 candidates among 100,000 listings), some 60 ms of its time
/// for each, and reading hundreds of whole rows to compare their words. Now only the rows of the few that are
/// suggested are read (<see cref="CounterpartFinder"/>).
/// <para>
/// Staying in step: every row carries a change number that rises whenever something held here
/// changes (0006_catalogue_changes.sql). Before each ranking the catalogue reads the committed rows
/// numbered above what it has seen, on a connection of its own. Inside a refresh the caller's
/// transaction holds matching's write lock, so every earlier writer has committed by then; the rows
/// that transaction itself has changed are not committed yet and are read through it, for that one
/// ranking only, so a rollback leaves nothing behind here. A listing the catalogue still holds but
/// which is no longer listed is dropped when its row is read (<see cref="CounterpartSql.ListedProfiles"/>),
/// so the catalogue can only ever err towards reading one candidate too many, never towards missing one.
/// (Rows are never deleted here, listings are withdrawn; a deleted row would linger as such a candidate.)
/// </para>
/// <para>
/// The first ranking after the service starts loads everything (about three seconds for 100,000
/// listings, infra/local/benchmark-matching.sh); every later one reads only what changed. Memory: a
/// few hundred bytes per listing.
/// </para>
/// </summary>
public sealed class CounterpartCatalogue(NpgsqlDataSource dataSource)
{
    /// <summary>The listings changed since change number `@seen` (the index listings_by_change answers it).</summary>
    internal const string ChangedListings = """
        SELECT id, organisation_id, kind, status = 'active' AND hidden_at IS NULL AS can_be_listed, valid_until,
               topics, regions, languages, target_groups, title, description, change_seq
        FROM listings WHERE change_seq > @seen
        """;

    /// <summary>The organisations changed since change number `@seen` (the index organisations_by_change answers it).</summary>
    internal const string ChangedOrganisations =
        "SELECT id, status = 'verified' AS verified, last_active_at, change_seq FROM organisations WHERE change_seq > @seen";

    // One at a time: catching up changes the maps, and a ranking reads them.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<Guid, Entry> offers = [];
    private readonly Dictionary<Guid, Entry> requests = [];
    private readonly Dictionary<Guid, Standing> organisations = [];

    // Every word any listing held here has used, numbered, so a listing's words are a sorted array of
    // numbers and two listings' shared words are counted by one merge. Words are never forgotten: the
    // vocabulary of a city's network is tens of thousands of words at most.
    private readonly Dictionary<string, int> vocabulary = new(StringComparer.Ordinal);

    private static readonly IComparer<RankKey> WorstFirst = Comparer<RankKey>.Create((a, b) => MatchScoring.RankOrder.Compare(b, a));

    // Listings and organisations are read by two statements, so each table has its own high-water mark.
    private long listingsSeen;
    private long organisationsSeen;

    /// <summary>
    /// The best <paramref name="count"/> counterparts of <paramref name="listing"/> the catalogue knows,
    /// in the ranking's order (<see cref="MatchScoring.RankOrder"/>) and with the scores
    /// <see cref="MatchScoring.Rank"/> would give them: listed, of the other kind, of another
    /// organisation, sharing a topic and a place. Pass the caller's transaction when it holds the write
    /// lock, so its own uncommitted changes count.
    /// </summary>
    public async Task<IReadOnlyList<RankKey>> CounterpartsAsync(
        ListingProfile listing, DateTimeOffset now, NpgsqlTransaction? transaction, int count, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
            {
                Apply(await ReadChangesAsync(connection, null, cancellationToken));
            }

            var own = transaction is null ? Changes.None : await ReadChangesAsync(transaction.Connection!, transaction, cancellationToken);
            return Rank(listing, now, own, count);
        }
        finally
        {
            gate.Release();
        }
    }

    private List<RankKey> Rank(ListingProfile listing, DateTimeOffset now, Changes own, int count)
    {
        var self = ListingCodes.Of(listing);
        var words = MatchScoring.WordsOf(listing.Title, listing.Description);
        // Words no listing here uses cannot be shared; they still count towards the listing's own number.
        var known = words.Select(w => vocabulary.TryGetValue(w, out var number) ? number : -1).Where(n => n >= 0).Order().ToArray();
        var ownActivity = MatchScoring.RecentActivity(listing.OrganisationLastActiveAt, now);
        var otherKind = listing.Kind == ListingKind.Offer ? ListingKind.Request : ListingKind.Offer;
        // The best `count` so far, the worst of them on top: a big city's thousands of candidates are
        // compared with that one instead of being sorted.
        var best = new PriorityQueue<RankKey, RankKey>(WorstFirst);
        foreach (var entry in (listing.Kind == ListingKind.Offer ? requests : offers).Values)
        {
            if (own.Listings.Count == 0 || !own.Listings.ContainsKey(entry.Id))
            {
                Consider(entry);
            }
        }

        foreach (var changed in own.Listings.Values)
        {
            if (changed.Kind == otherKind && changed.CanBeListed)
            {
                Consider(changed);
            }
        }

        var ordered = new List<RankKey>(best.Count);
        while (best.TryDequeue(out var key, out _))
        {
            ordered.Add(key);
        }

        ordered.Reverse();
        return ordered;

        void Consider(Entry entry)
        {
            // The cheapest test first: most listings of a big network share no topic with this one.
            if (!entry.Codes.Topics.Overlaps(self.Topics) || entry.OrganisationId == listing.OrganisationId || entry.Id == listing.ListingId
                || entry.ValidUntil is { } until && until <= now)
            {
                return;
            }

            var standing = own.Organisations.Count > 0 && own.Organisations.TryGetValue(entry.OrganisationId, out var changed)
                ? changed
                : organisations.GetValueOrDefault(entry.OrganisationId);
            if (standing is not { Verified: true }
                || MatchScoring.CodeScore(self, entry.Codes, true, ownActivity, MatchScoring.RecentActivity(standing.LastActiveAt, now)) is not { } codeScore)
            {
                return;
            }

            // Once the best `count` are found, one that could not beat the worst of them even with the
            // fullest text part is not worth comparing words with.
            if (best.Count == count && count > 0 && MatchScoring.HighestTotal(codeScore) < best.Peek().Score)
            {
                return;
            }

            var key = new RankKey(
                MatchScoring.Total(codeScore, SharedCount(known, entry.Words), words.Count, entry.Words.Length),
                self.Topics.SharedWith(entry.Codes.Topics),
                entry.Id);
            if (best.Count < count)
            {
                best.Enqueue(key, key);
            }
            else if (count > 0 && MatchScoring.RankOrder.Compare(key, best.Peek()) < 0)
            {
                best.DequeueEnqueue(key, key);
            }
        }
    }

    /// <summary>How many numbers two ascending arrays share.</summary>
    private static int SharedCount(int[] a, int[] b)
    {
        int i = 0, j = 0, shared = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                shared++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return shared;
    }

    /// <summary>A listing's words as numbers of the vocabulary, ascending; new words are numbered as they come.</summary>
    private int[] Number(HashSet<string> words)
    {
        var numbers = new int[words.Count];
        var i = 0;
        foreach (var word in words)
        {
            if (!vocabulary.TryGetValue(word, out var number))
            {
                number = vocabulary.Count;
                vocabulary[word] = number;
            }

            numbers[i++] = number;
        }

        Array.Sort(numbers);
        return numbers;
    }

    private void Apply(Changes changes)
    {
        foreach (var (id, entry) in changes.Listings)
        {
            offers.Remove(id);
            requests.Remove(id);
            if (entry.CanBeListed)
            {
                (entry.Kind == ListingKind.Offer ? offers : requests)[id] = entry;
            }
        }

        foreach (var (id, standing) in changes.Organisations)
        {
            organisations[id] = standing;
        }

        listingsSeen = Math.Max(listingsSeen, changes.ListingsThrough);
        organisationsSeen = Math.Max(organisationsSeen, changes.OrganisationsThrough);
    }

    /// <summary>Rows numbered above what the catalogue has seen, as <paramref name="connection"/> sees them.</summary>
    private async Task<Changes> ReadChangesAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var listingRows = await connection.QueryAsync<ListingCodesRow>(new CommandDefinition(
            ChangedListings, new { seen = listingsSeen }, transaction, cancellationToken: cancellationToken));
        var organisationRows = await connection.QueryAsync<StandingRow>(new CommandDefinition(
            ChangedOrganisations, new { seen = organisationsSeen }, transaction, cancellationToken: cancellationToken));
        var listings = new Dictionary<Guid, Entry>();
        var listingsThrough = listingsSeen;
        foreach (var row in listingRows)
        {
            listings[row.Id] = new Entry(
                row.Id,
                row.OrganisationId,
                EnumCodes.Parse<ListingKind>(row.Kind),
                row.CanBeListed,
                row.ValidUntil is { } until ? new DateTimeOffset(DateTime.SpecifyKind(until, DateTimeKind.Utc)) : null,
                ListingCodes.Of(row.Topics, row.Regions, row.Languages, row.TargetGroups),
                row.CanBeListed ? Number(MatchScoring.WordsOf(row.Title, row.Description)) : []);
            listingsThrough = Math.Max(listingsThrough, row.ChangeSeq);
        }

        var standings = new Dictionary<Guid, Standing>();
        var organisationsThrough = organisationsSeen;
        foreach (var row in organisationRows)
        {
            standings[row.Id] = new Standing(row.Verified, row.LastActiveAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null);
            organisationsThrough = Math.Max(organisationsThrough, row.ChangeSeq);
        }

        return new Changes(listings, standings, listingsThrough, organisationsThrough);
    }

    private sealed record Entry(Guid Id, Guid OrganisationId, ListingKind Kind, bool CanBeListed, DateTimeOffset? ValidUntil, ListingCodes Codes, int[] Words);

    private sealed record Standing(bool Verified, DateTimeOffset? LastActiveAt);

    private sealed record Changes(IReadOnlyDictionary<Guid, Entry> Listings, IReadOnlyDictionary<Guid, Standing> Organisations, long ListingsThrough, long OrganisationsThrough)
    {
        public static readonly Changes None = new(new Dictionary<Guid, Entry>(), new Dictionary<Guid, Standing>(), 0, 0);
    }

    /// <summary>A changed listing: what the ranking reads of it, and what the catalogue needs besides.</summary>
    private sealed class ListingCodesRow : ListingProfileRow
    {
        public bool CanBeListed { get; init; }

        public DateTime? ValidUntil { get; init; }

        public long ChangeSeq { get; init; }
    }

    private sealed class StandingRow
    {
        public Guid Id { get; init; }

        public bool Verified { get; init; }

        public DateTime? LastActiveAt { get; init; }

        public long ChangeSeq { get; init; }
    }
}
