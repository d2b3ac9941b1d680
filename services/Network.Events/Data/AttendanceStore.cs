using Dapper;
using Network.Contracts.Events;
using Network.Events.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Data;

/// <summary>One attendance mark as the organiser sends it, already checked against the event.</summary>
public sealed record AttendanceMark(Guid RegistrationId, Guid SessionId, bool Attended);

/// <summary>A certificate as issued: what the PDF and the public check show.</summary>
public sealed record Certificate(
    Guid Id,
    string Number,
    Guid RegistrationId,
    Guid EventId,
    string? ParticipantName,
    int SessionsAttended,
    DateTimeOffset IssuedAt);

/// <summary>Attendance per session and the certificates it earns.</summary>
public sealed class AttendanceStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>Stores the marks (a mark sent again overwrites the earlier one), each with its AttendanceRecorded event, all or none.</summary>
    public async Task RecordAsync(Guid eventId, IReadOnlyList<AttendanceMark> marks, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var mark in marks)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO attendance (registration_id, session_id, attended, recorded_at) VALUES (@RegistrationId, @SessionId, @Attended, @now)
                ON CONFLICT (registration_id, session_id) DO UPDATE SET attended = excluded.attended, recorded_at = excluded.recorded_at
                """,
                new { mark.RegistrationId, mark.SessionId, mark.Attended, now },
                transaction,
                cancellationToken: cancellationToken));
            await Outbox.EnqueueAsync(transaction, new AttendanceRecorded
            {
                EventId = eventId,
                RegistrationId = mark.RegistrationId,
                SessionId = mark.SessionId,
                Attended = mark.Attended,
                OccurredAt = now,
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The sessions the registration attended, as recorded.</summary>
    public async Task<IReadOnlySet<Guid>> AttendedSessionsAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Guid>(new CommandDefinition(
            "SELECT session_id FROM attendance WHERE registration_id = @registrationId AND attended",
            new { registrationId },
            cancellationToken: cancellationToken))).ToHashSet();
    }

    /// <summary>
    /// The registration's certificate, issued now (with CertificateIssued) if it has none yet. Two
    /// downloads at once issue one: the second waits on the unique registration and reads the first's.
    /// </summary>
    public async Task<Certificate> IssueAsync(Event @event, Registration registration, int sessionsAttended, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var number = CertificateNumber.New(BerlinTime.ToBerlin(now));
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificates (id, number, registration_id, event_id, participant_name, sessions_attended, issued_at)
            VALUES (@id, @number, @registrationId, @eventId, @participantName, @sessionsAttended, @now)
            ON CONFLICT (registration_id) DO NOTHING
            """,
            new { id, number, registrationId = registration.Id, eventId = @event.Id, participantName = registration.ParticipantName, sessionsAttended, now },
            transaction,
            cancellationToken: cancellationToken));
        if (inserted == 1 && registration.AccountId is { } accountId)
        {
            await Outbox.EnqueueAsync(transaction, new CertificateIssued
            {
                CertificateId = id,
                CertificateNumber = number,
                EventId = @event.Id,
                RegistrationId = registration.Id,
                AccountId = accountId,
                EventTitle = @event.Title,
                OccurredAt = now,
            }, cancellationToken);
        }

        var certificate = await connection.QuerySingleAsync<CertificateRow>(new CommandDefinition(
            $"SELECT {CertificateRow.Columns} FROM certificates WHERE registration_id = @Id", new { registration.Id }, transaction, cancellationToken: cancellationToken));
        await transaction.CommitAsync(cancellationToken);
        return certificate.ToCertificate();
    }

    /// <summary>The certificate with this number, for anyone who wants to check one.</summary>
    public async Task<Certificate?> FindByNumberAsync(string number, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<CertificateRow>(new CommandDefinition(
            $"SELECT {CertificateRow.Columns} FROM certificates WHERE number = @number", new { number }, cancellationToken: cancellationToken));
        return row?.ToCertificate();
    }

    /// <summary>The organiser's name as the directory last told us, or null when it has not.</summary>
    public async Task<string?> OrganisationNameAsync(Guid organisationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT name FROM organisations WHERE id = @organisationId", new { organisationId }, cancellationToken: cancellationToken));
    }

    private sealed class CertificateRow
    {
        public const string Columns = "id, number, registration_id, event_id, participant_name, sessions_attended, issued_at";

        public Guid Id { get; init; }

        public string Number { get; init; } = "";

        public Guid RegistrationId { get; init; }

        public Guid EventId { get; init; }

        public string? ParticipantName { get; init; }

        public int SessionsAttended { get; init; }

        public DateTime IssuedAt { get; init; }

        public Certificate ToCertificate() => new(Id, Number, RegistrationId, EventId, ParticipantName, SessionsAttended, Times.Utc(IssuedAt));
    }
}
