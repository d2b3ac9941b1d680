using Dapper;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.Testing;
using Npgsql;

namespace Network.Matching.Tests;

/// <summary>
/// The catalogue (Data/CounterpartCatalogue.cs) orders every candidate in memory and the finder reads
/// the rows of the best: together they must give exactly the ranking MatchScoring gives over every
/// listed listing. Varied codes, places and texts make the cut land between near-equal candidates.
/// </summary>
public sealed class Shortlisting_counterparts(Shortlisting_counterparts.VariedListings listings) : IClassFixture<Shortlisting_counterparts.VariedListings>
{
    /// <summary>Asks the catalogue for every counterpart it knows.</summary>
    private const int All = int.MaxValue;

    [Fact]
    public async Task The_catalogue_and_the_rows_of_its_best_rank_exactly_like_ranking_every_listed_listing()
    {
        var random = new Random(11);
        var catalogue = new CounterpartCatalogue(listings.DataSource);
        await using var connection = await listings.DataSource.OpenConnectionAsync();
        var compared = 0;
        for (var probe = 0; probe < 60; probe++)
        {
            var listing = VariedListings.RandomProfile(random, Guid.NewGuid(), Guid.NewGuid());
            var limit = probe % 3 == 0 ? 40 : 10;

            var found = await CounterpartFinder.RankAsync(catalogue, connection, null, listing, listings.Now, limit, CancellationToken.None);
            var everything = MatchScoring.Rank(listing, listings.Listed, listings.Now, limit);

            Assert.Equal(everything.Select(s => (s.Candidate.ListingId, s.Score)), found.Select(s => (s.Candidate.ListingId, s.Score)));
            Assert.Equal(everything.Select(s => s.Reasons.Select(r => r.Code)), found.Select(s => s.Reasons.Select(r => r.Code)));
            compared += everything.Count;
        }

        // The probes found something to compare, or the test would prove nothing.
        Assert.True(compared > 400, $"only {compared} suggestions compared");
    }

    [Fact]
    public async Task The_catalogue_scores_every_counterpart_as_MatchScoring_does_and_in_its_order()
    {
        var random = new Random(17);
        var catalogue = new CounterpartCatalogue(listings.DataSource);
        for (var probe = 0; probe < 30; probe++)
        {
            var listing = VariedListings.RandomProfile(random, Guid.NewGuid(), Guid.NewGuid());

            var ordered = await catalogue.CounterpartsAsync(listing, listings.Now, null, All, CancellationToken.None);
            var best = await catalogue.CounterpartsAsync(listing, listings.Now, null, 7, CancellationToken.None);
            var everything = MatchScoring.Rank(listing, listings.Listed, listings.Now);

            Assert.Equal(everything.Select(s => (s.Candidate.ListingId, s.Score)), ordered.Select(c => (c.ListingId, c.Score)));
            Assert.Equal(ordered.Take(7), best);
        }
    }

    [Fact]
    public async Task Held_hidden_withdrawn_and_expired_listings_and_the_own_organisation_never_reach_the_ranking()
    {
        var catalogue = new CounterpartCatalogue(listings.DataSource);
        await using var connection = await listings.DataSource.OpenConnectionAsync();
        var listed = listings.Listed.Select(l => l.ListingId).ToHashSet();
        var random = new Random(5);
        for (var probe = 0; probe < 20; probe++)
        {
            var owner = listings.Listed[random.Next(listings.Listed.Count)].OrganisationId;
            var listing = VariedListings.RandomProfile(random, Guid.NewGuid(), owner);

            var ranked = await CounterpartFinder.RankAsync(catalogue, connection, null, listing, listings.Now, 100, CancellationToken.None);
            var ordered = await catalogue.CounterpartsAsync(listing, listings.Now, null, All, CancellationToken.None);

            Assert.NotEmpty(ranked);
            Assert.All(ranked, s => Assert.Contains(s.Candidate.ListingId, listed));
            Assert.DoesNotContain(ranked, s => s.Candidate.OrganisationId == owner);
            Assert.All(ordered, c => Assert.Contains(c.ListingId, listed));
        }
    }

    /// <summary>Eight hundred listings of sixty organisations, some of them not listed for one reason or another.</summary>
    public sealed class VariedListings : IAsyncLifetime
    {
        private static readonly string[] Topics = ["health", "education", "employment", "empowerment", "language_mediation", "housing", "counselling", "culture_and_storytelling"];
        private static readonly string[] Regions =
            ["berlin_lichtenberg", "berlin_marzahn_hellersdorf", "berlin_neukoelln", "berlin_mitte", "berlin", "koeln_ehrenfeld", "koeln_kalk", "koeln", "dessau_rosslau", "online", "nationwide"];
        private static readonly string[] Languages = ["de", "vi", "ar", "tr", "ru", "uk"];
        private static readonly string[] TargetGroups = ["families", "young_people", "women", "refugees", "older_migrants"];
        private static readonly string[] Words =
            ["Beratung", "Familien", "Gesundheit", "Vorsorge", "Sprachmittlung", "Elterngespräche", "Workshop", "Nachbarschaft", "Jugendliche", "Ausbildung",
             "Wohnung", "Begleitung", "Empowerment", "Geschichten", "interpreting", "outreach", "community", "health", "parents", "school"];

        private TestDatabase database = null!;

        public NpgsqlDataSource DataSource { get; private set; } = null!;

        public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

        /// <summary>The listed listings, as the ranking reads them.</summary>
        public IReadOnlyList<ListingProfile> Listed { get; private set; } = [];

        /// <summary>
        /// A listing with varied codes and words; now and then a code the taxonomy does not know (both
        /// rankings must ignore it), no description, and for a probe its organisation's last activity.
        /// </summary>
        public static ListingProfile RandomProfile(Random random, Guid listingId, Guid organisationId) => new()
        {
            ListingId = listingId,
            OrganisationId = organisationId,
            Kind = random.Next(2) == 0 ? ListingKind.Offer : ListingKind.Request,
            Topics = [.. Pick(random, Topics, 1, 3), .. random.Next(8) == 0 ? ["not_a_topic"] : Array.Empty<string>()],
            Regions = Pick(random, Regions, 1, 2),
            Languages = [.. Pick(random, Languages, 1, 3), .. random.Next(8) == 0 ? ["xx"] : Array.Empty<string>()],
            TargetGroups = Pick(random, TargetGroups, 0, 2),
            Title = string.Join(' ', Pick(random, Words, 2, 4)),
            Description = random.Next(10) == 0 ? "" : string.Join(' ', Pick(random, Words, 3, 8)),
            OrganisationVerified = true,
            OrganisationLastActiveAt = random.Next(3) == 0 ? null : DateTimeOffset.UtcNow.AddDays(-random.Next(0, 120)),
        };

        public async Task InitializeAsync()
        {
            (database, var dataSource) = await MatchingDatabase.CreateAsync("matching_shortlist");
            DataSource = dataSource;
            var random = new Random(3);
            var organisations = Enumerable.Range(0, 60).Select(_ => Guid.NewGuid()).ToList();
            await using var connection = await DataSource.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            foreach (var (organisation, index) in organisations.Select((id, index) => (id, index)))
            {
                // One in ten is not verified; activity spread over the last four months.
                await connection.ExecuteAsync(
                    "INSERT INTO organisations (id, name, kind, status, status_changed_at, last_active_at) VALUES (@organisation, 'Org', 'mso', @status, now(), @lastActive)",
                    new { organisation, status = index % 10 == 0 ? "pending" : "verified", lastActive = Now.AddDays(-random.Next(0, 120)) },
                    transaction);
            }

            for (var i = 0; i < 800; i++)
            {
                var profile = RandomProfile(random, Guid.NewGuid(), organisations[random.Next(organisations.Count)]);
                await InsertAsync(
                    connection,
                    transaction,
                    profile,
                    withdrawn: i % 41 == 0,
                    validUntil: i % 43 == 0 ? Now.AddDays(-1) : null,
                    hiddenAt: i % 37 == 0 ? Now : null);
            }

            await transaction.CommitAsync();
            var ids = await connection.QueryAsync<Guid>("SELECT id FROM listings");
            var (sql, parameters) = CounterpartSql.ListedProfiles(ids.ToList(), Now);
            Listed = (await connection.QueryAsync<ListingProfileRow>(sql, parameters)).Select(row => row.ToProfile()).ToList();
        }

        public async Task DisposeAsync()
        {
            await DataSource.DisposeAsync();
            await database.DisposeAsync();
        }

        /// <summary>Writes <paramref name="profile"/> as a listing row, the way the service stores one.</summary>
        public static Task InsertAsync(
            NpgsqlConnection connection, NpgsqlTransaction? transaction, ListingProfile profile,
            bool withdrawn = false, DateTimeOffset? validUntil = null, DateTimeOffset? hiddenAt = null) =>
            connection.ExecuteAsync(
                """
                INSERT INTO listings (id, organisation_id, kind, status, title, description, topics, languages, regions, target_groups, format,
                                      valid_until, created_at, updated_at, hidden_at)
                VALUES (@ListingId, @OrganisationId, @kind, @status, @Title, @Description, @topics, @languages, @regions, @targetGroups, 'hybrid',
                        @validUntil, now(), now(), @hiddenAt)
                """,
                new
                {
                    profile.ListingId,
                    profile.OrganisationId,
                    kind = EnumCodes.Of(profile.Kind),
                    status = withdrawn ? "withdrawn" : "active",
                    profile.Title,
                    profile.Description,
                    topics = profile.Topics.ToArray(),
                    languages = profile.Languages.ToArray(),
                    regions = profile.Regions.ToArray(),
                    targetGroups = profile.TargetGroups.ToArray(),
                    validUntil,
                    hiddenAt,
                },
                transaction);

        private static List<string> Pick(Random random, string[] from, int least, int most) =>
            from.OrderBy(_ => random.Next()).Take(random.Next(least, most + 1)).ToList();
    }
}
