using System.Diagnostics;
using Network.Matching.Domain;
using Npgsql;
using NpgsqlTypes;

namespace Network.Matching.Benchmark;

/// <summary>How long the load took: the COPY of both tables (with the indexes of the migrations in place) and the VACUUM ANALYZE after it.</summary>
internal sealed record LoadResult(int Organisations, int Listings, int Listed, TimeSpan Copy, TimeSpan VacuumAnalyze, long ListingsBytes);

/// <summary>
/// Writes the synthetic organisations and listings with binary COPY, the listings in the order they
/// were created, as a table that grew by publishing lies on disk (what newest-first reads rely on), as rows the service itself would
/// have written (ListingRow.ContentParameters: enumerations as their codes, `taxonomy_text` from
/// <see cref="Taxonomy.SearchText"/>; PostgreSQL computes `search_vector`). The indexes of the
/// migrations stay in place during the load, so the load time includes keeping them.
/// </summary>
internal static class BulkLoad
{
    private const NpgsqlDbType TextArray = NpgsqlDbType.Array | NpgsqlDbType.Text;

    public static async Task<LoadResult> RunAsync(
        NpgsqlDataSource dataSource,
        IReadOnlyList<SyntheticOrganisation> organisations,
        IReadOnlyList<SyntheticListing> listings,
        CancellationToken cancellationToken)
    {
        var copy = Stopwatch.StartNew();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await CopyOrganisationsAsync(connection, organisations, cancellationToken);
        await CopyListingsAsync(connection, listings, copy, cancellationToken);
        copy.Stop();

        // What autovacuum would do soon after such a load: flush the GIN indexes' pending lists (else
        // every search reads them), fill the visibility map, and give the planner statistics.
        var vacuum = Stopwatch.StartNew();
        await using (var command = new NpgsqlCommand("VACUUM ANALYZE organisations, listings", connection))
        {
            command.CommandTimeout = 0;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        vacuum.Stop();

        await using var count = new NpgsqlCommand(
            """
            SELECT count(*) FILTER (WHERE l.status = 'active' AND l.hidden_at IS NULL AND o.status = 'verified'
                                      AND (l.valid_until IS NULL OR l.valid_until > now()))::int,
                   pg_total_relation_size('listings')
            FROM listings l JOIN organisations o ON o.id = l.organisation_id
            """,
            connection);
        await using var reader = await count.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new LoadResult(organisations.Count, listings.Count, reader.GetInt32(0), copy.Elapsed, vacuum.Elapsed, reader.GetInt64(1));
    }

    private static async Task CopyOrganisationsAsync(NpgsqlConnection connection, IReadOnlyList<SyntheticOrganisation> organisations, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            """
            COPY organisations (id, name, kind, status, regions, topics, languages, target_groups,
                                profile_changed_at, status_changed_at, updated_at, last_active_at)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        var loadedAt = DateTime.UtcNow;
        foreach (var organisation in organisations)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(organisation.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(organisation.Name, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(organisation.Kind, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(EnumCodes.Of(organisation.Status), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(organisation.Regions.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(organisation.Topics.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(organisation.Languages.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(organisation.TargetGroups.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(loadedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(loadedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(loadedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(importer, organisation.LastActiveAt, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task CopyListingsAsync(
        NpgsqlConnection connection, IReadOnlyList<SyntheticListing> listings, Stopwatch elapsed, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(
            """
            COPY listings (id, organisation_id, kind, status, title, description, topics, languages, regions, target_groups,
                           format, valid_until, taxonomy_text, version, created_at, updated_at, withdrawn_at, hidden_at, hidden_reason)
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken);
        // The server may still be indexing the last rows when they are all sent.
        importer.Timeout = TimeSpan.FromMinutes(10);
        var reportEvery = Math.Max(1, listings.Count / 4);
        var written = 0;
        foreach (var listing in listings)
        {
            var content = listing.Content;
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(listing.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(listing.OrganisationId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(EnumCodes.Of(listing.Kind), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(EnumCodes.Of(listing.WithdrawnAt is null ? ListingStatus.Active : ListingStatus.Withdrawn), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(content.Title, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(content.Description, NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(content.Topics.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(content.Languages.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(content.Regions.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(content.TargetGroups.ToArray(), TextArray, cancellationToken);
            await importer.WriteAsync(EnumCodes.Of(content.Format), NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, content.ValidUntil?.UtcDateTime, cancellationToken);
            await importer.WriteAsync(
                Taxonomy.SearchText(content.Regions, content.Topics, content.Languages, content.TargetGroups), NpgsqlDbType.Text, cancellationToken);
            await importer.WriteAsync(listing.UpdatedAt == listing.CreatedAt ? 1 : 2, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(listing.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await importer.WriteAsync(listing.UpdatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await WriteNullableAsync(importer, listing.WithdrawnAt, cancellationToken);
            await WriteNullableAsync(importer, listing.HiddenAt, cancellationToken);
            if (listing.HiddenReason is null)
            {
                await importer.WriteNullAsync(cancellationToken);
            }
            else
            {
                await importer.WriteAsync(listing.HiddenReason, NpgsqlDbType.Text, cancellationToken);
            }

            if (++written % reportEvery == 0 && written < listings.Count)
            {
                Console.WriteLine($"  {written,9:N0} listings written ({elapsed.Elapsed.TotalSeconds:F0} s)");
            }
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter importer, DateTime? value, CancellationToken cancellationToken)
    {
        if (value is { } at)
        {
            await importer.WriteAsync(DateTime.SpecifyKind(at, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
        }
        else
        {
            await importer.WriteNullAsync(cancellationToken);
        }
    }
}
