using System.Diagnostics;
using System.Text.Json;
using Dapper;
using Network.Contracts;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Tests.Support;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Messaging;

public sealed class Writing_to_the_outbox(MigratedDatabase database) : IClassFixture<MigratedDatabase>
{
    private readonly NpgsqlDataSource dataSource = database.DataSource;

    [Fact]
    public async Task An_event_of_a_rolled_back_transaction_leaves_no_row()
    {
        Guid id;
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            id = await Outbox.EnqueueAsync(transaction, TestEvents.AccountRegistered());
            await transaction.RollbackAsync();
        }

        Assert.Empty(await dataSource.OutboxRowsAsync([id]));
    }

    [Fact]
    public async Task An_event_of_a_committed_transaction_is_one_unsent_row_with_its_type_name_and_json_body()
    {
        var message = TestEvents.AccountRegistered();
        Guid id;
        await using (var connection = await dataSource.OpenConnectionAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            id = await Outbox.EnqueueAsync(transaction, message);
            await transaction.CommitAsync();
        }

        var row = Assert.Single(await dataSource.OutboxRowsAsync([id]));
        Assert.Equal("Network.Contracts.Directory.AccountRegistered", row.MessageType);
        Assert.Equal(message, JsonSerializer.Deserialize<AccountRegistered>(row.Body, Outbox.Json));
        Assert.Equal(message.AccountId, JsonDocument.Parse(row.Body).RootElement.GetProperty("accountId").GetGuid());
        Assert.Null(row.SentAt);
        Assert.Equal(0, row.Attempts);
        Assert.Null(row.TraceParent);
    }

    [Fact]
    public async Task The_current_activity_is_stored_as_w3c_trace_parent_and_trace_state()
    {
        using var listener = ActivityRecording.SampleAll(ActivityRecording.Source.Name);
        using var activity = ActivityRecording.Source.StartActivity("register account")!;
        activity.TraceStateString = "network=test";
        Assert.Equal(ActivityIdFormat.W3C, activity.IdFormat);

        var id = await EnqueueCommittedAsync(TestEvents.AccountRegistered());

        var row = Assert.Single(await dataSource.OutboxRowsAsync([id]));
        Assert.Equal($"00-{activity.TraceId}-{activity.SpanId}-01", row.TraceParent);
        Assert.Equal("network=test", row.TraceState);
    }

    [Fact]
    public async Task Committing_an_event_notifies_the_outbox_channel()
    {
        await using var listening = await dataSource.OpenConnectionAsync();
        var notified = new List<string>();
        listening.Notification += (_, notification) => notified.Add(notification.Channel);
        await listening.ExecuteAsync($"LISTEN {Outbox.Channel}");

        await EnqueueCommittedAsync(TestEvents.AccountRegistered());

        using var timeout = new CancellationTokenSource(Eventually.Deadline);
        await listening.WaitAsync(timeout.Token);
        Assert.Equal([Outbox.Channel], notified);
    }

    [Fact]
    public async Task Only_integration_events_of_the_contracts_can_be_written()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => Outbox.EnqueueAsync(transaction, new NotAContract(DateTimeOffset.UtcNow)));
    }

    private async Task<Guid> EnqueueCommittedAsync<TEvent>(TEvent message)
        where TEvent : class, IIntegrationEvent
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var id = await Outbox.EnqueueAsync(transaction, message);
        await transaction.CommitAsync();
        return id;
    }

    public sealed record NotAContract(DateTimeOffset OccurredAt) : IIntegrationEvent;
}
