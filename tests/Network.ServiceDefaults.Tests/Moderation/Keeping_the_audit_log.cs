using Dapper;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;
using static Network.ServiceDefaults.Tests.Moderation.ModerationTestSupport;

namespace Network.ServiceDefaults.Tests.Moderation;

public sealed class Keeping_the_audit_log(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;

    [Theory]
    [InlineData("UPDATE moderation_decisions SET reason = 'nothing happened' WHERE content_id = @Id")]
    [InlineData("DELETE FROM moderation_decisions WHERE content_id = @Id")]
    [InlineData("TRUNCATE moderation_decisions")]
    public async Task The_database_refuses_to_change_or_remove_a_decision(string sql)
    {
        var events = new InMemoryModerationTarget("event");
        var content = events.Add(ModerationState.Visible);
        await NewStore(dataSource).DecideAsync(events, content.Id, ModerationDecision.Hide, "Wrong date", Guid.NewGuid(), CancellationToken.None);
        await using var connection = await dataSource.OpenConnectionAsync();

        var refused = await Assert.ThrowsAsync<PostgresException>(() => connection.ExecuteAsync(sql, new { content.Id }));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal("Wrong date", await connection.ExecuteScalarAsync<string>("SELECT reason FROM moderation_decisions WHERE content_id = @Id", new { content.Id }));
    }

    [Fact]
    public async Task The_log_is_read_newest_first_page_by_page_and_filtered_by_content()
    {
        var posts = new InMemoryModerationTarget("audited_post");
        var first = posts.Add(ModerationState.Visible);
        var second = posts.Add(ModerationState.Visible);
        var store = NewStore(dataSource, new SteppingClock(Start.AddYears(5)));
        var coordinator = Guid.NewGuid();
        var hideFirst = await store.DecideAsync(posts, first.Id, ModerationDecision.Hide, "1", coordinator, CancellationToken.None);
        var hideSecond = await store.DecideAsync(posts, second.Id, ModerationDecision.Hide, "2", coordinator, CancellationToken.None);
        var restoreFirst = await store.DecideAsync(posts, first.Id, ModerationDecision.Restore, "3", coordinator, CancellationToken.None);

        var newest = await store.AuditAsync("audited_post", null, 2, null, CancellationToken.None);
        var older = await store.AuditAsync("audited_post", null, 2, (newest[^1].DecidedAt, newest[^1].Id), CancellationToken.None);
        var ofFirst = await store.AuditAsync("audited_post", first.Id, 10, null, CancellationToken.None);

        Assert.Equal([restoreFirst.Entry!.Id, hideSecond.Entry!.Id], newest.Select(entry => entry.Id));
        Assert.Equal([hideFirst.Entry!.Id], older.Select(entry => entry.Id));
        Assert.Equal([ModerationDecision.Restore, ModerationDecision.Hide], ofFirst.Select(entry => entry.Decision));
        Assert.Equal(restoreFirst.Entry, newest[0]);
    }
}
