using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>The server-sent event stream at /api/messaging/stream.</summary>
public sealed class Streaming_as_it_happens(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    [Fact]
    public async Task A_new_message_and_its_notification_reach_the_open_stream_of_a_member_of_the_organisation_written_to()
    {
        var (writer, reader) = (await api.AccountAsync(), await api.AccountAsync());
        var from = await api.OrganisationAsync(name: "Vietnam-Haus e. V.", members: writer);
        var to = await api.OrganisationAsync(members: reader);
        await using var stream = await EventStream.OpenAsync(api.ClientFor(reader.Id, to));

        await api.ClientFor(writer.Id, from).PostAsJsonAsync(
            "/api/messaging/conversations", new { fromOrganisationId = from, toOrganisationId = to, subject = "Elternabend", text = "Hätten Sie am Dienstag Zeit?" })
            .ExpectAsync(HttpStatusCode.Created);

        var received = new[] { await stream.NextAsync(), await stream.NextAsync() }.ToDictionary(e => e.Event, e => e.Data);
        Assert.Equal("Hätten Sie am Dienstag Zeit?", received["message"].GetProperty("text").GetString());
        Assert.Equal(from, received["message"].GetProperty("senderOrganisationId").GetGuid());
        Assert.Equal("Neue Nachricht von Vietnam-Haus e. V.", received["notification"].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_notification_written_by_another_instance_reaches_the_stream_and_only_its_owners_stream()
    {
        var (owner, other) = (await api.AccountAsync(), await api.AccountAsync());
        await using var ownersStream = await EventStream.OpenAsync(api.ClientFor(owner.Id));
        await using var othersStream = await EventStream.OpenAsync(api.ClientFor(other.Id));

        // Another instance: its own connection pool, nothing shared with this process but the database.
        await using var elsewhere = api.Database.CreateDataSource();
        await WriteAsync(elsewhere, owner.Id, "Für Sie");
        await WriteAsync(elsewhere, other.Id, "Für jemand anderen");

        var toOwner = await ownersStream.NextAsync();
        Assert.Equal(("notification", "Für Sie"), (toOwner.Event, toOwner.Data.GetProperty("title").GetString()));
        // The other stream's first event is its own notification, written after the owner's: the owner's never reached it.
        Assert.Equal("Für jemand anderen", (await othersStream.NextAsync()).Data.GetProperty("title").GetString());
    }

    [Fact]
    public async Task The_stream_needs_a_signed_in_caller()
    {
        using var response = await api.CreateClient().GetAsync("/api/messaging/stream");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static async Task WriteAsync(Npgsql.NpgsqlDataSource dataSource, Guid accountId, string title)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await NotificationWriter.ToAccountsAsync(
            new NotificationDraft(NotificationType.Announcement, $"test:{Guid.NewGuid()}", new NotificationText(title, "Text", title, "Text"), null),
            [accountId],
            transaction,
            CancellationToken.None);
        await transaction.CommitAsync();
    }

    /// <summary>A client's view of the stream: events as they come, after the service said it is listening (`ready`).</summary>
    private sealed class EventStream : IAsyncDisposable
    {
        private readonly HttpClient client;
        private readonly HttpResponseMessage response;
        private readonly StreamReader reader;
        private readonly CancellationTokenSource giveUp = new(TimeSpan.FromSeconds(30));

        private EventStream(HttpClient client, HttpResponseMessage response, StreamReader reader)
        {
            this.client = client;
            this.response = response;
            this.reader = reader;
        }

        public static async Task<EventStream> OpenAsync(HttpClient client)
        {
            client.Timeout = Timeout.InfiniteTimeSpan;
            var response = await client.GetAsync("/api/messaging/stream", HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var stream = new EventStream(client, response, new StreamReader(await response.Content.ReadAsStreamAsync()));
            Assert.Equal("ready", (await stream.ReadEventAsync()).Event);
            return stream;
        }

        /// <summary>The next event that carries something (heartbeats are comments and are skipped).</summary>
        public Task<(string Event, JsonElement Data)> NextAsync() => ReadEventAsync();

        private async Task<(string Event, JsonElement Data)> ReadEventAsync()
        {
            string? name = null;
            string? data = null;
            while (true)
            {
                var line = await reader.ReadLineAsync(giveUp.Token) ?? throw new EndOfStreamException("The stream ended.");
                if (line.Length == 0)
                {
                    if (name is not null && data is not null)
                    {
                        return (name, JsonDocument.Parse(data).RootElement);
                    }

                    continue;
                }

                if (line.StartsWith("event: ", StringComparison.Ordinal))
                {
                    name = line["event: ".Length..];
                }
                else if (line.StartsWith("data: ", StringComparison.Ordinal))
                {
                    data = line["data: ".Length..];
                }
            }
        }

        public ValueTask DisposeAsync()
        {
            reader.Dispose();
            response.Dispose();
            client.Dispose();
            giveUp.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
