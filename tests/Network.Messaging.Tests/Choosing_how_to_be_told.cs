using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Network.Contracts.Events;
using Network.Messaging.Background;
using Network.Messaging.Domain;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>Preferences per notification type, mails in both languages read back from the pickup folder, and the daily digest.</summary>
public sealed class Choosing_how_to_be_told(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    private const string Path = "/api/messaging/preferences";

    [Fact]
    public async Task Everyone_starts_with_defaults_that_keep_the_non_urgent_for_the_digest()
    {
        var preferences = await api.ClientFor(Guid.NewGuid()).GetFromJsonAsync<JsonElement>(Path);

        var chosen = preferences.GetProperty("preferences");
        Assert.Equal("digest", chosen.GetProperty("match_suggested").GetString());
        Assert.Equal("digest", chosen.GetProperty("event_published").GetString());
        Assert.Equal("digest", chosen.GetProperty("announcement").GetString());
        Assert.Equal("email", chosen.GetProperty("waitlist_promoted").GetString());
        Assert.Equal("in_app", chosen.GetProperty("message_received").GetString());
        Assert.Equal(chosen.ToString(), preferences.GetProperty("defaults").ToString());
    }

    [Fact]
    public async Task A_changed_preference_is_kept_and_the_others_stay()
    {
        var client = api.ClientFor(Guid.NewGuid());

        var saved = await client.PutAsJsonAsync(Path, new { preferences = new Dictionary<string, string> { ["announcement"] = "off", ["message_received"] = "email" } })
            .ExpectAsync(HttpStatusCode.OK);

        var read = (await client.GetFromJsonAsync<JsonElement>(Path)).GetProperty("preferences");
        Assert.Equal(("off", "email", "digest"), (read.GetProperty("announcement").GetString(), read.GetProperty("message_received").GetString(), read.GetProperty("match_suggested").GetString()));
        Assert.Equal(read.ToString(), saved.GetProperty("preferences").ToString());
    }

    [Fact]
    public async Task Unknown_types_and_deliveries_are_400_naming_them()
    {
        var client = api.ClientFor(Guid.NewGuid());

        using var unknownType = await client.PutAsJsonAsync(Path, new { preferences = new Dictionary<string, string> { ["newsletter"] = "off" } });
        Assert.Equal(["preferences.newsletter"], await unknownType.ProblemFieldsAsync());
        using var unknownDelivery = await client.PutAsJsonAsync(Path, new { preferences = new Dictionary<string, string> { ["announcement"] = "pigeon" } });
        Assert.Equal(["preferences.announcement"], await unknownDelivery.ProblemFieldsAsync());
        using var nothing = await client.PutAsJsonAsync(Path, new { });
        Assert.Equal(["preferences"], await nothing.ProblemFieldsAsync());
    }

    [Fact]
    public async Task A_type_turned_off_is_not_notified_and_one_turned_to_in_app_is_not_mailed()
    {
        var person = await api.AccountAsync();
        var organisation = await api.OrganisationAsync(members: person);
        await api.ClientFor(person.Id).PutAsJsonAsync(Path, new { preferences = new Dictionary<string, string> { ["match_suggested"] = "off", ["registration_confirmed"] = "in_app" } })
            .ExpectAsync(HttpStatusCode.OK);

        await api.DeliverAsync(Telling_people_what_happened.Suggestion(organisation, Guid.NewGuid()));
        await api.DeliverAsync(Confirmed(person, "Runder Tisch 1"));
        await api.DeliverAsync(Confirmed(person, "Runder Tisch 2"));
        await api.ClientFor(person.Id).PutAsJsonAsync(Path, new { preferences = new Dictionary<string, string> { ["registration_confirmed"] = "email" } })
            .ExpectAsync(HttpStatusCode.OK);
        await api.DeliverAsync(Confirmed(person, "Runder Tisch 3"));

        Assert.Equal(
            [("registration_confirmed", "in_app"), ("registration_confirmed", "in_app"), ("registration_confirmed", "email")],
            (await api.NotificationsOfAsync(person.Id)).Select(n => (n.Type, n.Delivery)));
        // Mails go out in the order their notifications were written: once the third is there, the first two would be too.
        await api.Mailbox.WaitForAsync(person.Email, mail => mail.Subject.Contains("Runder Tisch 3"));
        Assert.Single(api.Mailbox.MailsTo(person.Email));
    }

    [Fact]
    public async Task A_mail_goes_out_in_the_recipients_language_with_the_web_pages_of_the_event_and_of_the_setting()
    {
        var (german, english) = (await api.AccountAsync("de"), await api.AccountAsync("en"));
        var eventId = Guid.NewGuid();

        await api.DeliverAsync(new WaitlistPromoted { RegistrationId = Guid.NewGuid(), EventId = eventId, AccountId = german.Id, EventTitle = "Fachinput Migrationsrecht", OccurredAt = DateTimeOffset.UtcNow });
        await api.DeliverAsync(new WaitlistPromoted { RegistrationId = Guid.NewGuid(), EventId = eventId, AccountId = english.Id, EventTitle = "Fachinput Migrationsrecht", OccurredAt = DateTimeOffset.UtcNow });

        var inGerman = await api.Mailbox.WaitForAsync(german.Email);
        Assert.Equal("Ein Platz für Sie: „Fachinput Migrationsrecht“", inGerman.Subject);
        Assert.Contains("Ein Platz ist frei geworden: Sie sind jetzt für „Fachinput Migrationsrecht“ angemeldet.", inGerman.Text);
        // The links are the web front end's pages (README, "Web front end"), each a line of its own.
        Assert.Contains($"Auf Network ansehen: {MessagingApiFactory.PublicUrl}/veranstaltungen/{eventId}", Lines(inGerman.Text));
        Assert.EndsWith($"Hier ändern Sie sie: {MessagingApiFactory.PublicUrl}/konto/benachrichtigungen", Lines(inGerman.Text).Last(line => line.Length > 0));
        Assert.Equal("auto-generated", inGerman.Headers["Auto-Submitted"]);
        var inEnglish = await api.Mailbox.WaitForAsync(english.Email);
        Assert.Equal("A place for you: “Fachinput Migrationsrecht”", inEnglish.Subject);
        Assert.Contains($"Open it on Network: {MessagingApiFactory.PublicUrl}/veranstaltungen/{eventId}", Lines(inEnglish.Text));
        Assert.Contains("Change them here:", inEnglish.Text);
        await MessagingApiFactory.WaitUntilAsync(
            async () => (await api.NotificationsOfAsync(german.Id)).Single().EmailSentAt is not null, "The mail was not recorded as sent");
    }

    [Fact]
    public async Task Mailers_running_side_by_side_send_each_mail_once()
    {
        var people = new List<TestAccount>();
        for (var i = 0; i < 45; i++)
        {
            people.Add(await api.AccountAsync());
        }

        await api.DeliverAsync(new EventCancelled
        {
            EventId = Guid.NewGuid(),
            Title = "Runder Tisch Lichtenberg",
            Reason = "Raum nicht verfügbar.",
            RegistrantAccountIds = people.Select(p => p.Id).ToList(),
            OccurredAt = DateTimeOffset.UtcNow,
        });
        // The service's own mailer runs as well: four of them claim batches at once, as four instances would.
        var mailer = api.Service<NotificationMailer>();
        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (await mailer.RunOnceAsync(CancellationToken.None))
            {
            }
        })));

        foreach (var person in people)
        {
            await api.Mailbox.WaitForAsync(person.Email);
        }

        Assert.All(people, person => Assert.Single(api.Mailbox.MailsTo(person.Email)));
    }

    [Fact]
    public async Task An_address_its_owner_never_confirmed_is_not_mailed()
    {
        var unconfirmed = await api.AccountAsync(confirmed: false);

        await api.DeliverAsync(Confirmed(unconfirmed, "Runder Tisch"));

        await MessagingApiFactory.WaitUntilAsync(
            async () => (await api.NotificationsOfAsync(unconfirmed.Id)).Single().EmailGivenUpAt is not null, "The unconfirmed address was not passed over");
        Assert.Empty(api.Mailbox.MailsTo(unconfirmed.Email));
    }

    [Fact]
    public async Task The_digest_gathers_the_days_notifications_into_one_mail_sent_once_by_two_instances_at_the_same_time()
    {
        var (german, english) = (await api.AccountAsync("de"), await api.AccountAsync("en"));
        var organisation = await api.OrganisationAsync(members: [german, english]);
        await api.DeliverAsync(Telling_people_what_happened.Suggestion(organisation, Guid.NewGuid()));
        await api.DeliverAsync(Telling_people_what_happened.Suggestion(organisation, Guid.NewGuid()) with { RequestTitle = "Hospitation im Jugendamt" });
        var digests = api.Service<DigestSender>();
        var tomorrow = DateTimeOffset.UtcNow.AddDays(1);

        await Task.WhenAll(digests.SendDueAsync(tomorrow, CancellationToken.None), digests.SendDueAsync(tomorrow, CancellationToken.None));
        await digests.SendDueAsync(tomorrow.AddDays(1), CancellationToken.None);

        var inGerman = Assert.Single(api.Mailbox.MailsTo(german.Email));
        Assert.Equal("Ihre Network-Zusammenfassung: 2 Neuigkeiten", inGerman.Subject);
        Assert.Contains("* Neuer Vorschlag: „Partner für mehrsprachige Elternabende“", inGerman.Text);
        Assert.Contains("* Neuer Vorschlag: „Hospitation im Jugendamt“", inGerman.Text);
        var inEnglish = Assert.Single(api.Mailbox.MailsTo(english.Email));
        Assert.Equal("Your Network digest: 2 updates", inEnglish.Subject);
        Assert.Contains("Here is what happened on Network since the last digest.", inEnglish.Text);
        Assert.Contains($"  {MessagingApiFactory.PublicUrl}/marktplatz/vorschlaege?organisation={organisation}", Lines(inEnglish.Text));
        Assert.All(await api.NotificationsOfAsync(german.Id), n => Assert.NotNull(n.DigestSentAt));
    }

    [Fact]
    public async Task What_arrives_after_the_digest_hour_waits_for_the_next_day()
    {
        var person = await api.AccountAsync();
        var organisation = await api.OrganisationAsync(members: person);
        await api.DeliverAsync(Telling_people_what_happened.Suggestion(organisation, Guid.NewGuid()));
        var digests = api.Service<DigestSender>();

        await digests.SendDueAsync(digests.Schedule.LatestCutoff(DateTimeOffset.UtcNow), CancellationToken.None);

        Assert.Null(Assert.Single(await api.NotificationsOfAsync(person.Id)).DigestSentAt);
    }

    [Fact]
    public async Task The_unread_view_of_a_long_inbox_is_read_from_an_index_of_the_unread_alone()
    {
        var person = await api.AccountAsync();
        await using var connection = await api.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO notifications (id, account_id, source_key, type, title, body, created_at, read_at)
            SELECT gen_random_uuid(), @Id, 'old:' || i, 'welcome', 'Alt', 'Gelesen', now() - i * interval '1 minute', now()
            FROM generate_series(1, 5000) AS i;
            INSERT INTO notifications (id, account_id, source_key, type, title, body) VALUES (gen_random_uuid(), @Id, 'new', 'welcome', 'Neu', 'Ungelesen');
            ANALYZE notifications;
            """,
            person);

        // The query of NotificationStore.PageAsync with unreadOnly.
        var plan = string.Join('\n', await connection.QueryAsync<string>(
            """
            EXPLAIN SELECT id, type, title, body, link, created_at, read_at FROM notifications
            WHERE account_id = @Id AND (NOT true OR read_at IS NULL) AND (NULL::timestamptz IS NULL OR (created_at, id) < (NULL, @Id))
            ORDER BY created_at DESC, id DESC LIMIT 21
            """,
            person));

        Assert.Contains("notifications_unread", plan);
        var unread = await api.ClientFor(person.Id).GetFromJsonAsync<JsonElement>("/api/messaging/notifications?unreadOnly=true");
        Assert.Equal("Neu", Assert.Single(unread.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
    }

    [Fact]
    public async Task Links_stored_before_notifications_led_to_web_pages_are_rewritten_to_those_pages()
    {
        var person = await api.AccountAsync();
        var id = Guid.NewGuid();
        var before = new Dictionary<string, string?>
        {
            [$"/conversations/{id}"] = $"/postfach/gespraeche/{id}",
            [$"/organisations/{id}"] = $"/organisationen/{id}",
            [$"/listings/{id}"] = $"/marktplatz/{id}",
            [$"/events/{id}"] = $"/veranstaltungen/{id}",
            [$"/suggestions?organisationId={id}"] = $"/marktplatz/vorschlaege?organisation={id}",
            ["/organisations/new"] = "/organisationen/neu",
            ["/me/registrations"] = "/veranstaltungen/meine",
            [$"/announcements/{id}"] = null,
            [$"/veranstaltungen/{id}"] = $"/veranstaltungen/{id}",
        };
        await using var connection = await api.OpenConnectionAsync();
        foreach (var link in before.Keys)
        {
            await connection.ExecuteAsync(
                "INSERT INTO notifications (id, account_id, source_key, type, title, body, link) VALUES (gen_random_uuid(), @Id, @link, 'welcome', 'Alt', 'Alt', @link)",
                new { person.Id, link });
        }

        var migrations = typeof(WebPages).Assembly;
        await using (var migration = migrations.GetManifestResourceStream(migrations.GetManifestResourceNames().Single(name => name.EndsWith("0005_links_to_web_pages.sql", StringComparison.Ordinal)))!)
        {
            await connection.ExecuteAsync(await new StreamReader(migration).ReadToEndAsync());
        }

        var after = (await connection.QueryAsync<(string SourceKey, string? Link)>(
            "SELECT source_key, link FROM notifications WHERE account_id = @Id", person)).ToDictionary(row => row.SourceKey, row => row.Link);
        Assert.Equal(before, after);
    }

    private static IReadOnlyList<string> Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    private static RegistrationConfirmed Confirmed(TestAccount person, string title) => new()
    {
        RegistrationId = Guid.NewGuid(),
        EventId = Guid.NewGuid(),
        AccountId = person.Id,
        EventTitle = title,
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
