using System.Text.Json;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;
using static Network.ServiceDefaults.Tests.Moderation.ModerationTestSupport;

namespace Network.ServiceDefaults.Tests.Moderation;

public sealed class Taking_reports_out_of_personal_data(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;
    private readonly InMemoryModerationTarget listings = new("listing");

    [Fact]
    public async Task The_export_holds_the_persons_reports_and_erasure_unlinks_them_but_keeps_the_reports()
    {
        var person = Guid.NewGuid();
        var listing = listings.Add(ModerationState.Visible);
        await NewStore(dataSource).ReportAsync(listings, listing.Id, "Beleidigend", Person(person), person, CancellationToken.None);
        var source = new ModerationPersonalData();

        await using (var connection = await dataSource.OpenConnectionAsync())
        {
            var export = JsonSerializer.SerializeToElement(await source.ExportAsync(person, connection, CancellationToken.None));
            var report = Assert.Single(export.GetProperty("reports").EnumerateArray());
            Assert.Equal(("Beleidigend", listing.Id), (report.GetProperty("Reason").GetString(), report.GetProperty("ContentId").GetGuid()));
            Assert.Empty(export.GetProperty("decisions").EnumerateArray());

            await using var transaction = await connection.BeginTransactionAsync();
            await source.EraseAsync(person, transaction, CancellationToken.None);
            await transaction.CommitAsync();

            Assert.Null(await source.ExportAsync(person, connection, CancellationToken.None));
        }

        Assert.Equal(1, await dataSource.CountAsync(
            "SELECT count(*) FROM content_reports WHERE content_id = @Id AND reporter_account_id IS NULL AND reason = 'Beleidigend'", new { listing.Id }));
    }

    [Fact]
    public async Task A_coordinators_decisions_are_exported_and_stay_in_the_audit_log_after_erasure()
    {
        var coordinator = Guid.NewGuid();
        var listing = listings.Add(ModerationState.Visible);
        await NewStore(dataSource).DecideAsync(listings, listing.Id, ModerationDecision.Hide, "Spam", coordinator, CancellationToken.None);
        var source = new ModerationPersonalData();
        await using var connection = await dataSource.OpenConnectionAsync();

        var export = JsonSerializer.SerializeToElement(await source.ExportAsync(coordinator, connection, CancellationToken.None));
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await source.EraseAsync(coordinator, transaction, CancellationToken.None);
            await transaction.CommitAsync();
        }

        Assert.Equal("hide", Assert.Single(export.GetProperty("decisions").EnumerateArray()).GetProperty("Decision").GetString());
        Assert.Equal(1, await dataSource.CountAsync(
            "SELECT count(*) FROM moderation_decisions WHERE content_id = @Id AND coordinator_account_id = @coordinator", new { listing.Id, coordinator }));
    }
}
