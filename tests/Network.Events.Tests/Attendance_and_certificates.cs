using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Network.Contracts.Events;
using Network.Events.Tests.Support;
using PdfSharp.Pdf.IO;

namespace Network.Events.Tests;

/// <summary>The Dessau-Roßlau series: five modules, a certificate after four.</summary>
public sealed class Attendance_and_certificates(EventsApiFactory api) : IClassFixture<EventsApiFactory>
{
    [Fact]
    public async Task Four_of_five_modules_earn_a_certificate_that_anyone_can_check_and_three_are_told_what_is_missing()
    {
        var (organiserClient, series, sessions) = await SeriesAsync();
        var amina = api.MemberOf();
        var jonas = api.MemberOf();
        var aminaRegistration = await amina.RegisteredAsync(series, new { participantName = "Amina Yılmaz-Müller" });
        var jonasRegistration = await jonas.RegisteredAsync(series, new { participantName = "Jonas Berger" });
        api.Clock.Advance(TimeSpan.FromDays(40));

        using var recorded = await organiserClient.PutAsJsonAsync($"{EventRequests.Path}/{series}/attendance",
            sessions.Select((session, i) => new { registrationId = aminaRegistration.Id(), sessionId = session, attended = i != 2 })
                .Concat(sessions.Select((session, i) => new { registrationId = jonasRegistration.Id(), sessionId = session, attended = i < 3 })));
        using var pdf = await amina.GetAsync($"/api/events/registrations/{aminaRegistration.Id()}/certificate");
        using var refused = await jonas.GetAsync($"/api/events/registrations/{jonasRegistration.Id()}/certificate");

        Assert.Equal(HttpStatusCode.NoContent, recorded.StatusCode);
        Assert.Equal(10, (await api.OutboxAsync<AttendanceRecorded>(series)).Count);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(bytes, 0, 5));
        using var document = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        Assert.Equal(1, document.PageCount);
        Assert.Contains("Amina Yılmaz-Müller", document.Info.Subject);
        var number = document.Info.Title.Split(' ')[^1];
        Assert.Matches("^NW-[0-9]{4}-[0-9A-Z]{10}$", number);
        var text = PdfText.Extract(bytes);
        Assert.Contains("Amina Yılmaz-Müller", text);
        Assert.Contains(number, text);
        Assert.Contains("an 4 von 5 Terminen", text);
        Assert.Contains("Vielfalts-Montag – Verwaltung neu (er)leben", text);
        Assert.Contains("Modul 1", text);
        Assert.DoesNotContain("Modul 3", text);
        Assert.Contains($"https://network.example/api/events/certificates/{number}", text);

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.JsonAsync();
        Assert.Equal(1, problem.GetProperty("sessionsMissing").GetInt32());
        Assert.Contains("One more session", problem.GetProperty("title").GetString());

        var check = await api.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/events/certificates/{number.ToLowerInvariant()}");
        Assert.True(check.GetProperty("genuine").GetBoolean());
        Assert.Equal("Amina Yılmaz-Müller", check.GetProperty("participantName").GetString());
        Assert.Equal(4, check.GetProperty("sessionsAttended").GetInt32());
        using var forged = await api.AnonymousClient().GetAsync("/api/events/certificates/NW-2027-0000000000");
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        // A second download is the same certificate, issued once.
        using var again = await amina.GetAsync($"/api/events/registrations/{aminaRegistration.Id()}/certificate");
        using var secondDocument = PdfReader.Open(new MemoryStream(await again.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import);
        Assert.EndsWith(number, secondDocument.Info.Title);
        Assert.Single(await api.OutboxAsync<CertificateIssued>(aminaRegistration.Id()));
        // Nobody else downloads Amina's certificate.
        using var stranger = await jonas.GetAsync($"/api/events/registrations/{aminaRegistration.Id()}/certificate");
        Assert.Equal(HttpStatusCode.NotFound, stranger.StatusCode);
    }

    [Fact]
    public async Task Attendance_is_for_confirmed_registrations_and_sessions_that_have_begun()
    {
        var (organiserClient, series, sessions) = await SeriesAsync(capacity: 1);
        var confirmed = await api.MemberOf().RegisteredAsync(series);
        var waiting = await api.MemberOf().RegisteredAsync(series);

        using var early = await organiserClient.PutAsJsonAsync($"{EventRequests.Path}/{series}/attendance",
            new[] { new { registrationId = confirmed.Id(), sessionId = sessions[0], attended = true } });
        api.Clock.Advance(TimeSpan.FromDays(8));
        using var mixed = await organiserClient.PutAsJsonAsync($"{EventRequests.Path}/{series}/attendance", new object[]
        {
            new { registrationId = confirmed.Id(), sessionId = sessions[0], attended = true },
            new { registrationId = waiting.Id(), sessionId = sessions[0], attended = true },
            new { registrationId = confirmed.Id(), sessionId = sessions[4], attended = true },
            new { registrationId = Guid.NewGuid(), sessionId = sessions[0], attended = true },
        });
        using var byParticipant = await api.MemberOf().PutAsJsonAsync($"{EventRequests.Path}/{series}/attendance",
            new[] { new { registrationId = confirmed.Id(), sessionId = sessions[0], attended = true } });

        Assert.Equal(["[0].sessionId"], await early.ProblemFieldsAsync());
        Assert.Equal(["[1].registrationId", "[2].sessionId", "[3].registrationId"], (await mixed.ProblemFieldsAsync()).Order());
        Assert.Equal(HttpStatusCode.Forbidden, byParticipant.StatusCode);
        // Nothing of the refused list was stored.
        Assert.Empty(await api.OutboxAsync<AttendanceRecorded>(confirmed.Id()));
    }

    [Fact]
    public async Task The_organisers_list_names_the_sessions_each_registration_was_recorded_attending()
    {
        var (organiserClient, series, sessions) = await SeriesAsync();
        var registration = await api.MemberOf().RegisteredAsync(series);
        api.Clock.Advance(TimeSpan.FromDays(40));
        await organiserClient.PutAsJsonAsync($"{EventRequests.Path}/{series}/attendance", new object[]
        {
            new { registrationId = registration.Id(), sessionId = sessions[0], attended = true },
            new { registrationId = registration.Id(), sessionId = sessions[1], attended = false },
            new { registrationId = registration.Id(), sessionId = sessions[3], attended = true },
        });

        var list = await organiserClient.GetFromJsonAsync<JsonElement>($"{EventRequests.Path}/{series}/registrations");

        var listed = list.GetProperty("items").EnumerateArray().Single();
        Assert.Equal(2, listed.GetProperty("sessionsAttended").GetInt32());
        Assert.Equal(
            new[] { sessions[0], sessions[3] }.Order(),
            listed.GetProperty("attendedSessionIds").EnumerateArray().Select(id => id.GetGuid()).Order());
    }

    [Fact]
    public async Task The_pdf_and_the_check_show_the_sessions_on_record_and_a_certificate_below_the_threshold_is_revoked()
    {
        var (organiserClient, series, sessions) = await SeriesAsync();
        var amina = api.MemberOf();
        var registration = await amina.RegisteredAsync(series, new { participantName = "Amina Yılmaz-Müller" });
        api.Clock.Advance(TimeSpan.FromDays(40));
        var attendancePath = $"{EventRequests.Path}/{series}/attendance";
        var certificatePath = $"/api/events/registrations/{registration.Id()}/certificate";
        await organiserClient.PutAsJsonAsync(attendancePath, sessions.Take(4).Select(session => new { registrationId = registration.Id(), sessionId = session, attended = true }));
        using var issued = await amina.GetAsync(certificatePath);
        var number = PdfReader.Open(new MemoryStream(await issued.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import).Info.Title.Split(' ')[^1];

        // The fifth module recorded later: the certificate still says what it was issued for.
        await organiserClient.PutAsJsonAsync(attendancePath, new[] { new { registrationId = registration.Id(), sessionId = sessions[4], attended = true } });
        using var later = await amina.GetAsync(certificatePath);
        var laterText = PdfText.Extract(await later.Content.ReadAsByteArrayAsync());
        var checkedLater = await api.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/events/certificates/{number}");
        Assert.Contains("an 4 von 5 Terminen", laterText);
        Assert.DoesNotContain("Modul 5", laterText);
        Assert.Equal(4, checkedLater.GetProperty("sessionsAttended").GetInt32());
        Assert.False(checkedLater.GetProperty("revoked").GetBoolean());

        // Corrected down to three: below the four a certificate needs.
        await organiserClient.PutAsJsonAsync(attendancePath, new[]
        {
            new { registrationId = registration.Id(), sessionId = sessions[0], attended = false },
            new { registrationId = registration.Id(), sessionId = sessions[1], attended = false },
        });
        var revoked = await api.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/events/certificates/{number}");
        using var refused = await amina.GetAsync(certificatePath);

        Assert.True(revoked.GetProperty("revoked").GetBoolean());
        Assert.Equal(JsonValueKind.String, revoked.GetProperty("revokedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Cancelling_the_event_revokes_its_certificates()
    {
        var (organiserClient, series, sessions) = await SeriesAsync();
        var amina = api.MemberOf();
        var registration = await amina.RegisteredAsync(series, new { participantName = "Amina Yılmaz-Müller" });
        api.Clock.Advance(TimeSpan.FromDays(40));
        await organiserClient.PutAsJsonAsync($"{EventRequests.Path}/{series}/attendance", sessions.Select(session => new { registrationId = registration.Id(), sessionId = session, attended = true }));
        using var issued = await amina.GetAsync($"/api/events/registrations/{registration.Id()}/certificate");
        var number = PdfReader.Open(new MemoryStream(await issued.Content.ReadAsByteArrayAsync()), PdfDocumentOpenMode.Import).Info.Title.Split(' ')[^1];

        using var cancel = await organiserClient.PostAsJsonAsync($"{EventRequests.Path}/{series}/cancellation", new { reason = "Die Reihe wird neu aufgesetzt." });
        var check = await api.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/events/certificates/{number}");

        Assert.Equal(HttpStatusCode.OK, cancel.StatusCode);
        Assert.True(check.GetProperty("revoked").GetBoolean());
    }

    [Fact]
    public async Task A_waitlisted_person_is_refused_a_certificate_for_not_taking_part_not_for_missing_sessions()
    {
        var (_, series, _) = await SeriesAsync(capacity: 1);
        await api.MemberOf().RegisteredAsync(series);
        var waiting = api.MemberOf();
        var registration = await waiting.RegisteredAsync(series);
        api.Clock.Advance(TimeSpan.FromDays(40));

        using var refused = await waiting.GetAsync($"/api/events/registrations/{registration.Id()}/certificate");

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("Certificates are for confirmed participants of events that took place.", (await refused.JsonAsync()).GetProperty("title").GetString());
    }

    private async Task<(HttpClient Organiser, Guid Series, IReadOnlyList<Guid> Sessions)> SeriesAsync(int capacity = 20)
    {
        var organiser = await api.VerifiedOrganisationAsync();
        var client = api.MemberOf(organiser);
        var created = await client.CreateAsync(EventRequests.Draft(organiser, api.Clock.GetUtcNow(), sessions: 5, change: d =>
        {
            d["title"] = "Vielfalts-Montag – Verwaltung neu (er)leben";
            d["regions"] = new[] { "dessau_rosslau" };
            d["certificateMinSessions"] = 4;
            d["capacity"] = capacity;
        }));
        return (client, created.Id(), created.SessionIds());
    }
}
