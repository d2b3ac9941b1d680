using Dapper;
using Network.Contracts.Events;
using Network.Events.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Data;

/// <summary>One attendance mark as the organiser sends it, already checked against the event.</summary>
public sealed record AttendanceMark(Guid RegistrationId, Guid SessionId, bool Attended);

/// <summary>
/// A certificate as issued: what the PDF and the public check show, the sessions it was issued for
/// included. <see cref="RevokedAt"/> is set when its attendance fell below the threshold or the
/// event was cancelled.
/// </summary>
public sealed record Certificate(
    Guid Id,
    string Number,
    Guid RegistrationId,
    Guid EventId,
    string? ParticipantName,
    IReadOnlyList<Guid> SessionIds,
    DateTimeOffset IssuedAt,
    DateTimeOffset? RevokedAt)
{
    public int SessionsAttended => SessionIds.Count;

    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>Attendance per session and the certificates it earns.</summary>
public sealed class AttendanceStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    /// <summary>
    /// Stores the marks (a mark sent again overwrites the earlier one), each with its
    /// AttendanceRecorded event, all or none. A certificate whose attendance now falls below what
    /// it needs is revoked in the same transaction.
    /// </summary>
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

        await RevokeBelowThresholdAsync(eventId, marks.Select(mark => mark.RegistrationId).Distinct().ToArray(), now, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Revokes every certificate of the event, in the caller's transaction (the event is being cancelled).</summary>
    internal static Task RevokeAllAsync(Guid eventId, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE certificates SET revoked_at = @now WHERE event_id = @eventId AND revoked_at IS NULL",
            new { eventId, now },
            transaction,
            cancellationToken: cancellationToken));

    private static async Task RevokeBelowThresholdAsync(Guid eventId, Guid[] registrationIds, DateTimeOffset now, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var certified = (await connection.QueryAsync<(Guid RegistrationId, Guid[]? SessionIds, int Attended)>(new CommandDefinition(
            """
            SELECT r.id, r.session_ids,
                   (SELECT count(*) FROM attendance a WHERE a.registration_id = r.id AND a.attended)::int
            FROM registrations r JOIN certificates c ON c.registration_id = r.id AND c.revoked_at IS NULL
            WHERE r.id = ANY(@registrationIds)
            """,
            new { registrationIds },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        if (certified.Count == 0)
        {
            return;
        }

        var @event = (await EventStore.LoadAsync(eventId, transaction, lockRow: false, cancellationToken))!;
        var fallen = certified
            .Where(row => row.Attended < CertificatePolicy.SessionsRequired(@event, row.SessionIds))
            .Select(row => row.RegistrationId)
            .ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE certificates SET revoked_at = @now WHERE registration_id = ANY(@fallen) AND revoked_at IS NULL",
            new { fallen, now },
            transaction,
            cancellationToken: cancellationToken));
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
    /// The registration's certificate, issued now for <paramref name="attendedSessionIds"/> (with
    /// CertificateIssued) if it has none yet. Two downloads at once issue one: the second waits on
    /// the unique registration and reads the first's. A revoked certificate whose holder is
    /// eligible again is restored under its number, for the sessions attended now.
    /// </summary>
    public async Task<Certificate> IssueAsync(Event @event, Registration registration, IReadOnlySet<Guid> attendedSessionIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var id = Guid.CreateVersion7();
        var number = CertificateNumber.New(BerlinTime.ToBerlin(now));
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO certificates (id, number, registration_id, event_id, participant_name, sessions_attended, session_ids, issued_at)
            VALUES (@id, @number, @registrationId, @eventId, @participantName, @sessionsAttended, @sessionIds, @now)
            ON CONFLICT (registration_id) DO UPDATE SET
                revoked_at = NULL, session_ids = excluded.session_ids, sessions_attended = excluded.sessions_attended
            WHERE certificates.revoked_at IS NOT NULL
            """,
            new
            {
                id,
                number,
                registrationId = registration.Id,
                eventId = @event.Id,
                participantName = registration.ParticipantName,
                sessionsAttended = attendedSessionIds.Count,
                // In the event's order, as the PDF lists them.
                sessionIds = @event.Sessions.Where(session => attendedSessionIds.Contains(session.Id)).Select(session => session.Id).ToArray(),
                now,
            },
            transaction,
            cancellationToken: cancellationToken));
        var certificate = (await connection.QuerySingleAsync<CertificateRow>(new CommandDefinition(
            $"SELECT {CertificateRow.Columns} FROM certificates WHERE registration_id = @Id", new { registration.Id }, transaction, cancellationToken: cancellationToken))).ToCertificate();
        if (inserted == 1 && certificate.Id == id && registration.AccountId is { } accountId)
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

        await transaction.CommitAsync(cancellationToken);
        return certificate;
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
        public const string Columns = "id, number, registration_id, event_id, participant_name, session_ids, issued_at, revoked_at";

        public Guid Id { get; init; }

        public string Number { get; init; } = "";

        public Guid RegistrationId { get; init; }

        public Guid EventId { get; init; }

        public string? ParticipantName { get; init; }

        public Guid[] SessionIds { get; init; } = [];

        public DateTime IssuedAt { get; init; }

        public DateTime? RevokedAt { get; init; }

        public Certificate ToCertificate() => new(Id, Number, RegistrationId, EventId, ParticipantName, SessionIds, Times.Utc(IssuedAt), Times.Utc(RevokedAt));
    }
}
