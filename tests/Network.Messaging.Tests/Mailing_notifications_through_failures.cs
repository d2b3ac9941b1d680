using Dapper;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Network.Messaging.Background;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.Messaging.Realtime;
using Network.Messaging.Tests.Support;
using Network.ServiceDefaults.Data;
using Network.Testing;
using Npgsql;

namespace Network.Messaging.Tests;

/// <summary>
/// <see cref="NotificationMailer"/> on a migrated database of each test's own, with the mail server
/// scripted (<see cref="ScriptedMailSender"/>): what it records when a shutdown or a failure cuts
/// a batch short. No test host runs beside it, so no other mailer takes the rows first.
/// </summary>
public sealed class Mailing_notifications_through_failures : IAsyncLifetime
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { [ServiceSettings.PublicUrl] = MessagingApiFactory.PublicUrl })
        .Build();

    private TestDatabase database = null!;
    private NpgsqlDataSource dataSource = null!;

    public async Task InitializeAsync()
    {
        // The mailer reads rows into records by snake_case names, as AddServiceDatabase sets up in the service.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        database = await TestDatabase.CreateAsync("messaging_mailer");
        dataSource = database.CreateDataSource();
        await new DatabaseMigrator(dataSource, [typeof(DatabaseMigrator).Assembly, typeof(MessagingService).Assembly], NullLogger<DatabaseMigrator>.Instance)
            .MigrateAsync(CancellationToken.None);
    }

    [Fact]
    public async Task A_shutdown_in_the_middle_of_a_batch_records_what_went_out_so_the_next_start_sends_only_the_rest()
    {
        var people = await NotifiedAsync(5);
        using var shutdown = new CancellationTokenSource();
        var stopping = new ScriptedMailSender { ShutdownAfter = (shutdown, 2) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RunMailerAsync(stopping, shutdown.Token));

        Assert.Equal(Emails(people[..2]), stopping.DeliveredTo);
        // The third was refused by the cancelled token; the mailer asked for none after it.
        Assert.Equal(3, stopping.Asked);
        var rows = await RowsAsync(people);
        Assert.All(rows[..2], row => Assert.NotNull(row.EmailSentAt));
        Assert.All(rows[2..], AssertUntouched);

        var restarted = new ScriptedMailSender();
        Assert.False(await RunMailerAsync(restarted));

        Assert.Equal(Emails(people[2..]), restarted.DeliveredTo);
        Assert.All(await RowsAsync(people), row => Assert.NotNull(row.EmailSentAt));
    }

    [Fact]
    public async Task A_failed_mail_waits_a_minute_and_ends_the_round_and_the_rest_go_out_in_the_next_round()
    {
        // A full batch and one more: a round that failed must not ask for the next one at once.
        var people = await NotifiedAsync(NotificationMailer.BatchSize + 1);
        var failing = new ScriptedMailSender { FailingMail = 2 };

        var before = await DatabaseNowAsync();
        Assert.False(await RunMailerAsync(failing));
        var after = await DatabaseNowAsync();

        Assert.Equal(Emails(people[..1]), failing.DeliveredTo);
        Assert.Equal(2, failing.Asked);
        var rows = await RowsAsync(people);
        Assert.NotNull(rows[0].EmailSentAt);
        AssertFailed(rows[1], attempts: 1, TimeSpan.FromMinutes(1), before, after);
        Assert.Null(rows[1].EmailGivenUpAt);
        Assert.All(rows[2..], AssertUntouched);

        var nextRound = new ScriptedMailSender();
        Assert.False(await RunMailerAsync(nextRound));

        Assert.Equal(Emails(people[2..]), nextRound.DeliveredTo);
        AssertFailed((await RowsAsync(people[1..2])).Single(), attempts: 1, TimeSpan.FromMinutes(1), before, after);

        await MakeDueAsync(people[1]);
        var onceDue = new ScriptedMailSender();
        Assert.False(await RunMailerAsync(onceDue));

        Assert.Equal(Emails(people[1..2]), onceDue.DeliveredTo);
        var retried = (await RowsAsync(people[1..2])).Single();
        Assert.NotNull(retried.EmailSentAt);
        Assert.Equal(1, retried.EmailAttempts);
    }

    [Fact]
    public async Task A_cancellation_the_mailer_did_not_ask_for_counts_as_a_failed_mail_and_keeps_what_went_out()
    {
        // A sender's own timeout may surface as a cancellation while the mailer is not stopping.
        var people = await NotifiedAsync(3);
        var timingOut = new ScriptedMailSender { FailingMail = 2, Failure = new TaskCanceledException("The mail server did not answer in time (scripted).") };

        var before = await DatabaseNowAsync();
        Assert.False(await RunMailerAsync(timingOut));
        var after = await DatabaseNowAsync();

        Assert.Equal(Emails(people[..1]), timingOut.DeliveredTo);
        var rows = await RowsAsync(people);
        Assert.NotNull(rows[0].EmailSentAt);
        AssertFailed(rows[1], attempts: 1, TimeSpan.FromMinutes(1), before, after);
        AssertUntouched(rows[2]);
    }

    [Fact]
    public async Task Each_failure_doubles_the_wait_up_to_an_hour_and_the_last_attempt_gives_the_mail_up()
    {
        int[] minutesToWait = [1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60];
        Assert.Equal(NotificationMailer.MaximumAttempts, minutesToWait.Length);
        var person = (await NotifiedAsync(1)).Single();

        for (var attempt = 1; attempt <= NotificationMailer.MaximumAttempts; attempt++)
        {
            var before = await DatabaseNowAsync();
            await RunMailerAsync(new ScriptedMailSender { FailingMail = 1 });
            var after = await DatabaseNowAsync();

            var row = (await RowsAsync([person])).Single();
            AssertFailed(row, attempt, TimeSpan.FromMinutes(minutesToWait[attempt - 1]), before, after);
            if (attempt < NotificationMailer.MaximumAttempts)
            {
                Assert.Null(row.EmailGivenUpAt);
            }
            else
            {
                Assert.InRange(Assert.NotNull(row.EmailGivenUpAt), before, after);
            }

            var tooEarly = new ScriptedMailSender();
            await RunMailerAsync(tooEarly);
            Assert.Equal(0, tooEarly.Asked);

            await MakeDueAsync(person);
        }

        var givenUp = new ScriptedMailSender();
        await RunMailerAsync(givenUp);
        Assert.Equal(0, givenUp.Asked);
        Assert.Null((await RowsAsync([person])).Single().EmailSentAt);
    }

    [Fact]
    public async Task An_unconfirmed_address_is_given_up_at_once_without_asking_the_mail_server()
    {
        var unconfirmed = await NotifiedAsync(confirmed: false);
        var confirmed = await NotifiedAsync();
        var sender = new ScriptedMailSender();

        var before = await DatabaseNowAsync();
        await RunMailerAsync(sender);
        var after = await DatabaseNowAsync();

        Assert.Equal([confirmed.Email], sender.DeliveredTo);
        Assert.Equal(1, sender.Asked);
        var row = (await RowsAsync([unconfirmed])).Single();
        Assert.Null(row.EmailSentAt);
        Assert.Equal(0, row.EmailAttempts);
        Assert.InRange(Assert.NotNull(row.EmailGivenUpAt), before, after);

        var later = new ScriptedMailSender();
        await RunMailerAsync(later);
        Assert.Equal(0, later.Asked);
    }

    public async Task DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await database.DisposeAsync();
    }

    /// <summary>One round of a mailer started afresh, as after a restart.</summary>
    private async Task<bool> RunMailerAsync(ScriptedMailSender sender, CancellationToken cancellationToken = default)
    {
        using var listener = new DatabaseListener(dataSource, NullLogger<DatabaseListener>.Instance);
        using var mailer = new NotificationMailer(dataSource, sender, Configuration, listener, NullLogger<NotificationMailer>.Instance);
        return await mailer.RunOnceAsync(cancellationToken);
    }

    /// <summary>People with one notification each to be mailed, written one after another: the mailer takes them in this order.</summary>
    private async Task<TestAccount[]> NotifiedAsync(int count)
    {
        var people = new TestAccount[count];
        for (var i = 0; i < count; i++)
        {
            people[i] = await NotifiedAsync();
        }

        return people;
    }

    private async Task<TestAccount> NotifiedAsync(bool confirmed = true)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var person = await TestAccount.SaveAsync(transaction, confirmed: confirmed);
        var draft = new NotificationDraft(
            NotificationType.RegistrationConfirmed,
            $"registration_confirmed:{Guid.NewGuid()}",
            new NotificationText("Angemeldet", "Sie sind angemeldet.", "Registered", "You are registered."),
            "/veranstaltungen/meine");
        Assert.Equal(Delivery.Email, NotificationDefaults.For(draft.Type));
        await NotificationWriter.ToAccountsAsync(draft, [person.Id], transaction, CancellationToken.None);
        await transaction.CommitAsync();
        return person;
    }

    private async Task<MailState[]> RowsAsync(IEnumerable<TestAccount> people)
    {
        var ids = people.Select(p => p.Id).ToArray();
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<MailState>(
            """
            SELECT account_id, email_sent_at, email_attempts, email_retry_at, email_given_up_at
            FROM notifications WHERE account_id = ANY(@ids)
            """,
            new { ids })).ToDictionary(row => row.AccountId);
        return ids.Select(id => rows[id]).ToArray();
    }

    private async Task<DateTime> DatabaseNowAsync()
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<DateTime>("SELECT now()");
    }

    /// <summary>Lets the wait after a failure run out without waiting for it.</summary>
    private async Task MakeDueAsync(TestAccount person)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await connection.ExecuteAsync("UPDATE notifications SET email_retry_at = now() - interval '1 second' WHERE account_id = @Id", person);
    }

    private static string[] Emails(IEnumerable<TestAccount> people) => people.Select(p => p.Email).ToArray();

    /// <summary>
    /// The mailer's now() is its transaction's start, between <paramref name="before"/> and
    /// <paramref name="after"/>, so the time of the next attempt lies between them plus the wait.
    /// </summary>
    private static void AssertFailed(MailState row, int attempts, TimeSpan wait, DateTime before, DateTime after)
    {
        Assert.Null(row.EmailSentAt);
        Assert.Equal(attempts, row.EmailAttempts);
        Assert.InRange(Assert.NotNull(row.EmailRetryAt), before + wait, after + wait);
    }

    private static void AssertUntouched(MailState row) => Assert.Equal(new MailState(row.AccountId, null, 0, null, null), row);

    private sealed record MailState(Guid AccountId, DateTime? EmailSentAt, int EmailAttempts, DateTime? EmailRetryAt, DateTime? EmailGivenUpAt);
}
