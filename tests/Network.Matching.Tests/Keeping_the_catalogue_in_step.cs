using System.Data;
using Dapper;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.Testing;
using Npgsql;

namespace Network.Matching.Tests;

/// <summary>
/// The catalogue holds listings in memory and catches up by change numbers
/// (0006_catalogue_changes.sql). Each test has a database of its own, because each changes it: what
/// another writer committed must be seen by the next ranking, a transaction's own changes must count
/// inside it and leave nothing behind when it rolls back, and only changes that matter to the ranking
/// may cost a new number.
/// </summary>
public sealed class Keeping_the_catalogue_in_step : IAsyncLifetime
{
    /// <summary>Asks the catalogue for every counterpart it knows.</summary>
    private const int All = int.MaxValue;

    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;
    private readonly List<Guid> organisations = [];
    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    [Fact]
    public async Task Changes_committed_after_a_ranking_are_in_the_next_one()
    {
        var random = new Random(23);
        var probe = Probe(ListingKind.Request);
        var catalogue = new CounterpartCatalogue(dataSource);
        var before = await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None);
        Assert.True(before.Count >= 5, $"only {before.Count} counterparts to change");
        var (withdrawn, hidden, moved, ofSuspended) = (before[0].ListingId, before[1].ListingId, before[2].ListingId, before[3].ListingId);
        var suspended = OrganisationOf(ofSuspended);
        var renamed = before.Last(c => OrganisationOf(c.ListingId) != suspended && c.ListingId != withdrawn && c.ListingId != hidden && c.ListingId != moved).ListingId;

        var added = Fitting(ListingKind.Offer, organisations.Skip(1).First(o => o != suspended));
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await Shortlisting_counterparts.VariedListings.InsertAsync(connection, null, added);
            await connection.ExecuteAsync("UPDATE listings SET status = 'withdrawn' WHERE id = @withdrawn", new { withdrawn });
            await connection.ExecuteAsync("UPDATE listings SET hidden_at = now() WHERE id = @hidden", new { hidden });
            // Words shared with the probe lift the last candidate's text part.
            await connection.ExecuteAsync("UPDATE listings SET title = @title, description = @description WHERE id = @renamed", new { renamed, title = probe.Title, description = probe.Description });
            await connection.ExecuteAsync("UPDATE listings SET regions = '{koeln_kalk}' WHERE id = @moved", new { moved });
            await connection.ExecuteAsync("UPDATE organisations SET status = 'suspended' WHERE id = @suspended", new { suspended });
            // Another organisation becomes active today, which moves its listings up.
            await connection.ExecuteAsync("UPDATE organisations SET last_active_at = now() WHERE id = @id", new { id = organisations[random.Next(1, 7)] });
        }

        var after = await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None);
        var fresh = await new CounterpartCatalogue(dataSource).CounterpartsAsync(probe, now, null, All, CancellationToken.None);
        var expected = MatchScoring.Rank(probe, await ListedAsync(), now);

        Assert.Equal(expected.Select(s => (s.Candidate.ListingId, s.Score)), after.Select(c => (c.ListingId, c.Score)));
        Assert.Equal(fresh, after);
        Assert.DoesNotContain(after, c => c.ListingId == withdrawn || c.ListingId == hidden || c.ListingId == moved || OrganisationOf(c.ListingId) == suspended);
        Assert.True(
            after.Single(c => c.ListingId == renamed).Score > before.Single(c => c.ListingId == renamed).Score,
            "the words the probe shares now count");
        Assert.Contains(after, c => c.ListingId == added.ListingId);
        Assert.NotEqual(before.Select(c => c.Score), after.Select(c => c.Score));
    }

    [Fact]
    public async Task A_transactions_own_changes_count_inside_it_and_vanish_when_it_rolls_back()
    {
        var probe = Probe(ListingKind.Request);
        var catalogue = new CounterpartCatalogue(dataSource);
        var before = await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None);
        var suspendedOrganisation = organisations[3];
        Assert.Contains(before, c => OrganisationOf(c.ListingId) == suspendedOrganisation);
        var added = Fitting(ListingKind.Offer, organisations[5]);

        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await SuggestionStore.LockForWritingAsync(transaction, CancellationToken.None);
            await Shortlisting_counterparts.VariedListings.InsertAsync(connection, transaction, added);
            await connection.ExecuteAsync("UPDATE organisations SET status = 'suspended' WHERE id = @suspendedOrganisation", new { suspendedOrganisation }, transaction);

            var inside = await catalogue.CounterpartsAsync(probe, now, transaction, All, CancellationToken.None);
            var outside = await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None);

            Assert.Contains(inside, c => c.ListingId == added.ListingId);
            Assert.DoesNotContain(inside, c => OrganisationOf(c.ListingId) == suspendedOrganisation);
            var asTheTransactionSeesThem = MatchScoring.Rank(probe, await ListedAsync(connection, transaction), now);
            Assert.Equal(asTheTransactionSeesThem.Select(s => (s.Candidate.ListingId, s.Score)), inside.Select(c => (c.ListingId, c.Score)));
            // Others do not see what is not committed.
            Assert.Equal(before, outside);
            await transaction.RollbackAsync();
        }

        Assert.Equal(before, await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None));
    }

    [Fact]
    public async Task Candidates_the_catalogue_knows_but_the_rows_do_not_show_are_passed_over_for_the_next_best()
    {
        var probe = Probe(ListingKind.Request);
        var catalogue = new CounterpartCatalogue(dataSource);
        await using var connection = await dataSource.OpenConnectionAsync();
        // A snapshot taken now: the finder reads rows as of it, while the catalogue hears of what is committed later.
        await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead);
        var visible = await ListedAsync(connection, snapshot);

        // Forty offers that fit the probe better than any before (its own codes and words), committed after the snapshot.
        var unseen = Enumerable.Range(0, 40)
            .Select(i => probe with { ListingId = Guid.NewGuid(), OrganisationId = organisations[1 + (i % 9)], Kind = ListingKind.Offer })
            .ToList();
        await using (var other = await dataSource.OpenConnectionAsync())
        {
            foreach (var offer in unseen)
            {
                await Shortlisting_counterparts.VariedListings.InsertAsync(other, null, offer);
            }
        }

        var found = await CounterpartFinder.RankAsync(catalogue, connection, snapshot, probe, now, 10, CancellationToken.None);

        // The catalogue ranks the unseen first, so the finder had to look past two rounds of them.
        var unseenIds = unseen.Select(o => o.ListingId).ToHashSet();
        Assert.All(await catalogue.CounterpartsAsync(probe, now, snapshot, 40, CancellationToken.None), c => Assert.Contains(c.ListingId, unseenIds));
        var expected = MatchScoring.Rank(probe, visible, now, 10);
        Assert.Equal(10, found.Count);
        Assert.Equal(expected.Select(s => (s.Candidate.ListingId, s.Score)), found.Select(s => (s.Candidate.ListingId, s.Score)));
    }

    [Fact]
    public async Task A_registration_committed_while_a_verification_is_in_flight_does_not_hide_the_verification()
    {
        // A pending organisation with a listing that fits the probe: listed once it is verified.
        var probe = Probe(ListingKind.Request);
        var pending = Guid.NewGuid();
        var itsListing = Fitting(ListingKind.Offer, pending);
        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            await connection.ExecuteAsync(
                "INSERT INTO organisations (id, name, kind, status, status_changed_at) VALUES (@pending, 'Neu', 'mso', 'pending', now())", new { pending });
            await Shortlisting_counterparts.VariedListings.InsertAsync(connection, null, itsListing);
        }

        var catalogue = new CounterpartCatalogue(dataSource);
        Assert.DoesNotContain(await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None), c => c.ListingId == itsListing.ListingId);

        await using (var verifying = await dataSource.OpenConnectionAsync())
        await using (var verification = await verifying.BeginTransactionAsync())
        {
            // The verification takes its change number under the write lock and is not committed yet ...
            await SuggestionStore.LockForWritingAsync(verification, CancellationToken.None);
            await OrganisationReadModel.SaveStatusAsync(pending, OrganisationStatus.Verified, DateTimeOffset.UtcNow.AddMinutes(1), verification, CancellationToken.None);

            // ... while the directory's registration of another organisation is stored without the lock and committed.
            await using (var registering = await dataSource.OpenConnectionAsync())
            await using (var registration = await registering.BeginTransactionAsync())
            {
                await OrganisationReadModel.SaveProfileAsync(
                    new OrganisationReadModel.Profile(Guid.NewGuid(), "Später registriert", "mso", ["berlin"], ["health"], ["de"], [], now),
                    registration,
                    CancellationToken.None);
                await registration.CommitAsync();
            }

            Assert.DoesNotContain(await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None), c => c.ListingId == itsListing.ListingId);
            await verification.CommitAsync();
        }

        Assert.Contains(await catalogue.CounterpartsAsync(probe, now, null, All, CancellationToken.None), c => c.ListingId == itsListing.ListingId);
    }

    [Theory]
    [InlineData("organisation_id = @otherOrganisation")]
    [InlineData("kind = 'request'")]
    [InlineData("status = 'withdrawn'")]
    [InlineData("hidden_at = now()")]
    [InlineData("valid_until = now() + interval '30 days'")]
    [InlineData("topics = '{education}'")]
    [InlineData("regions = '{koeln}'")]
    [InlineData("languages = '{am}'")]
    [InlineData("target_groups = '{women}'")]
    [InlineData("title = 'Ein neuer Titel'")]
    [InlineData("description = 'Eine neue Beschreibung'")]
    public async Task Each_change_the_ranking_uses_takes_a_new_change_number(string change)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var listing = await connection.QueryFirstAsync<Guid>("SELECT id FROM listings ORDER BY id LIMIT 1");
        var before = await connection.ExecuteScalarAsync<long>("SELECT change_seq FROM listings WHERE id = @listing", new { listing });

        await connection.ExecuteAsync($"UPDATE listings SET {change} WHERE id = @listing", new { listing, otherOrganisation = Guid.NewGuid() });

        Assert.True(await connection.ExecuteScalarAsync<long>("SELECT change_seq FROM listings WHERE id = @listing", new { listing }) > before);
    }

    [Fact]
    public async Task Only_changes_that_matter_to_the_ranking_take_a_new_change_number()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var listing = await connection.QueryFirstAsync<Guid>("SELECT id FROM listings ORDER BY id LIMIT 1");
        var organisation = organisations[0];

        async Task<long> ListingNumber() => await connection.ExecuteScalarAsync<long>("SELECT change_seq FROM listings WHERE id = @listing", new { listing });
        async Task<long> OrganisationNumber() => await connection.ExecuteScalarAsync<long>("SELECT change_seq FROM organisations WHERE id = @organisation", new { organisation });

        var first = await ListingNumber();
        await connection.ExecuteAsync("UPDATE listings SET version = version + 1, expiry_reminded_at = now(), format = 'online' WHERE id = @listing", new { listing });
        Assert.Equal(first, await ListingNumber());
        await connection.ExecuteAsync("UPDATE listings SET languages = '{am}' WHERE id = @listing", new { listing });
        var second = await ListingNumber();
        Assert.True(second > first, $"{second} after {first}");
        await connection.ExecuteAsync("UPDATE listings SET description = 'Neue Beschreibung' WHERE id = @listing", new { listing });
        Assert.True(await ListingNumber() > second);

        var organisationFirst = await OrganisationNumber();
        await connection.ExecuteAsync("UPDATE organisations SET name = 'Anders', regions = '{berlin}' WHERE id = @organisation", new { organisation });
        Assert.Equal(organisationFirst, await OrganisationNumber());
        await connection.ExecuteAsync("UPDATE organisations SET last_active_at = now() WHERE id = @organisation", new { organisation });
        Assert.True(await OrganisationNumber() > organisationFirst);
    }

    public async Task InitializeAsync()
    {
        (database, dataSource) = await MatchingDatabase.CreateAsync("matching_catalogue");
        var random = new Random(29);
        await using var connection = await dataSource.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            var id = Guid.NewGuid();
            organisations.Add(id);
            await connection.ExecuteAsync(
                "INSERT INTO organisations (id, name, kind, status, status_changed_at, last_active_at) VALUES (@id, 'Org', 'mso', 'verified', now(), @lastActive)",
                new { id, lastActive = now.AddDays(-random.Next(1, 80)) });
        }

        // Offers of nine organisations that all fit the probe request (health in Lichtenberg), alike
        // enough that small changes reorder them; the first organisation makes the probe.
        for (var i = 0; i < 30; i++)
        {
            await Shortlisting_counterparts.VariedListings.InsertAsync(connection, null, Fitting(ListingKind.Offer, organisations[1 + (i % 9)], random));
        }
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    private ListingProfile Probe(ListingKind kind) => Fitting(kind, organisations[0]) with
    {
        Title = "Sprachmittlung für Familien",
        Description = "Wir suchen Sprachmittlung auf Vietnamesisch für Elterngespräche in der Gesundheitsvorsorge",
    };

    private static ListingProfile Fitting(ListingKind kind, Guid organisation, Random? random = null)
    {
        random ??= new Random();
        string[] languages = ["vi", "ar", "tr", "ru"];
        string[] words = ["Beratung", "Familien", "Vorsorge", "Nachbarschaft", "Jugendliche", "Workshop", "Begleitung"];
        return new ListingProfile
        {
            ListingId = Guid.NewGuid(),
            OrganisationId = organisation,
            Kind = kind,
            Topics = random.Next(2) == 0 ? ["health"] : ["health", "language_mediation"],
            Regions = random.Next(3) == 0 ? ["berlin"] : ["berlin_lichtenberg"],
            Languages = [languages[random.Next(languages.Length)]],
            TargetGroups = ["families"],
            Title = words[random.Next(words.Length)] + " " + words[random.Next(words.Length)],
            Description = string.Join(' ', words.OrderBy(_ => random.Next()).Take(3)),
            OrganisationVerified = true,
        };
    }

    private Guid OrganisationOf(Guid listingId)
    {
        using var connection = dataSource.OpenConnection();
        return connection.ExecuteScalar<Guid>("SELECT organisation_id FROM listings WHERE id = @listingId", new { listingId });
    }

    private async Task<IReadOnlyList<ListingProfile>> ListedAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await ListedAsync(connection, null);
    }

    /// <summary>The listed listings as <paramref name="transaction"/> sees them.</summary>
    private async Task<IReadOnlyList<ListingProfile>> ListedAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        var ids = (await connection.QueryAsync<Guid>("SELECT id FROM listings", transaction: transaction)).ToList();
        var (sql, parameters) = CounterpartSql.ListedProfiles(ids, now);
        return (await connection.QueryAsync<ListingProfileRow>(sql, parameters, transaction)).Select(row => row.ToProfile()).ToList();
    }
}
