using Dapper;
using Network.Contracts.Events;
using Network.Events.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Data;

/// <summary>What became of a registration request.</summary>
public sealed record RegistrationResult(Registration? Registration, int? WaitlistPosition, RegistrationRefusal? Refusal, bool EventMissing);

/// <summary>What became of a cancellation: done (with those promoted), nothing to cancel, or too late because the event has begun.</summary>
public sealed record RegistrationCancellation(bool Cancelled, bool EventHasBegun, IReadOnlyList<Registration> Promoted)
{
    public static readonly RegistrationCancellation NothingToCancel = new(false, false, []);

    public static readonly RegistrationCancellation TooLate = new(false, true, []);
}

/// <summary>A registration of the caller's, with what they need to know of its event.</summary>
public sealed record MyRegistration(Registration Registration, int? WaitlistPosition, Event Event);

/// <summary>
/// Registrations, the waitlist and their events. Every decision about places locks the event's row
/// (`SELECT ... FOR UPDATE`) and reads the registrations after the lock, so requests for one event
/// are decided one after another and capacity holds whatever the concurrency; different events do
/// not wait for each other.
/// </summary>
public sealed partial class RegistrationStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<RegistrationStore> logger)
{
    /// <summary>Registers <paramref name="accountId"/>: confirmed when every chosen session has a place, else waitlisted.</summary>
    public async Task<RegistrationResult> RegisterAsync(
        Guid eventId, Guid accountId, string? participantName, Guid? organisationId, IReadOnlyList<Guid>? sessionIds, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var @event = await EventStore.LoadAsync(eventId, transaction, lockRow: true, cancellationToken);
        if (@event is null)
        {
            return new RegistrationResult(null, null, null, EventMissing: true);
        }

        // Counted under the event's lock: the counts are the truth while this decision is made.
        var (alreadyRegistered, waiting) = await connection.QuerySingleAsync<(bool, int)>(new CommandDefinition(
            """
            SELECT EXISTS (SELECT 1 FROM registrations WHERE event_id = @eventId AND account_id = @accountId AND status <> 'cancelled'),
                   (SELECT count(*) FROM registrations WHERE event_id = @eventId AND status = 'waitlisted')::int
            """,
            new { eventId, accountId },
            transaction,
            cancellationToken: cancellationToken));
        var refusal = RegistrationPolicy.Refusal(@event, now, alreadyRegistered);
        if (refusal is not null)
        {
            return new RegistrationResult(null, null, refusal, EventMissing: false);
        }

        var chosen = sessionIds ?? @event.Sessions.Select(session => session.Id).ToList();
        var taken = await TakenPlacesAsync([eventId], connection, transaction, cancellationToken);
        var outcome = RegistrationPolicy.Decide(@event, chosen, taken, waiting);
        var id = Guid.CreateVersion7();
        var row = await connection.QuerySingleAsync<RegistrationRow>(new CommandDefinition(
            $"""
            INSERT INTO registrations (id, event_id, account_id, participant_name, organisation_id, status, session_ids, created_at)
            VALUES (@id, @eventId, @accountId, @participantName, @organisationId, @status, @sessionIds, @now)
            RETURNING {RegistrationRow.Columns}
            """,
            new { id, eventId, accountId, participantName, organisationId, status = EnumCodes.Of(outcome.Status), sessionIds = sessionIds?.ToArray(), now },
            transaction,
            cancellationToken: cancellationToken));
        if (outcome.Status == RegistrationStatus.Confirmed)
        {
            await Outbox.EnqueueAsync(transaction, new RegistrationConfirmed
            {
                RegistrationId = id,
                EventId = eventId,
                AccountId = accountId,
                EventTitle = @event.Title,
                OccurredAt = now,
            }, cancellationToken);
        }
        else
        {
            await Outbox.EnqueueAsync(transaction, new RegistrationWaitlisted
            {
                RegistrationId = id,
                EventId = eventId,
                AccountId = accountId,
                EventTitle = @event.Title,
                WaitlistPosition = outcome.WaitlistPosition!.Value,
                OccurredAt = now,
            }, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new RegistrationResult(row.ToRegistration(), outcome.WaitlistPosition, null, EventMissing: false);
    }

    public async Task<Registration?> FindAsync(Guid registrationId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE id = @registrationId", new { registrationId }, cancellationToken: cancellationToken));
        return row?.ToRegistration();
    }

    /// <summary>The caller's active registration for the event, if any.</summary>
    public async Task<Registration?> FindActiveAsync(Guid eventId, Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE event_id = @eventId AND account_id = @accountId AND status <> 'cancelled'",
            new { eventId, accountId },
            cancellationToken: cancellationToken));
        return row?.ToRegistration();
    }

    /// <summary>
    /// Cancels a registration; a place it held goes to the first on the waitlist who fits, who is
    /// told (WaitlistPromoted). Cancelling one already cancelled changes nothing. Once the first
    /// session has begun, nothing is cancelled (<see cref="RegistrationPolicy.MayCancel"/>).
    /// </summary>
    public async Task<RegistrationCancellation> CancelAsync(Guid eventId, Guid registrationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var @event = await EventStore.LoadAsync(eventId, transaction, lockRow: true, cancellationToken);
        if (@event is null)
        {
            return RegistrationCancellation.NothingToCancel;
        }

        // Decided under the event's lock, so a session moved earlier at the same moment counts.
        if (!RegistrationPolicy.MayCancel(@event, now))
        {
            return RegistrationCancellation.TooLate;
        }

        var cancelled = await connection.QuerySingleOrDefaultAsync<RegistrationRow>(new CommandDefinition(
            $"""
            UPDATE registrations SET status = 'cancelled', cancelled_at = @now
            WHERE id = @registrationId AND event_id = @eventId AND status <> 'cancelled'
            RETURNING {RegistrationRow.Columns}
            """,
            new { registrationId, eventId, now },
            transaction,
            cancellationToken: cancellationToken));
        if (cancelled is null)
        {
            return RegistrationCancellation.NothingToCancel;
        }

        if (cancelled.AccountId is { } accountId)
        {
            await Outbox.EnqueueAsync(transaction, new RegistrationCancelled
            {
                RegistrationId = registrationId,
                EventId = eventId,
                AccountId = accountId,
                EventTitle = @event.Title,
                OccurredAt = now,
            }, cancellationToken);
        }

        var promoted = await PromoteAsync(@event, transaction, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogCancelled(logger, registrationId, eventId, promoted.Count);
        return new RegistrationCancellation(true, false, promoted);
    }

    /// <summary>
    /// The event's registrations with their attendance counts, organisation names and waitlist
    /// positions, in registration order: all of them, or the <paramref name="limit"/> after
    /// <paramref name="afterId"/> (keyset by sequence, plus one more when there is a next page).
    /// </summary>
    public async Task<IReadOnlyList<RegistrationListing>> ListAsync(Guid eventId, int? limit, Guid? afterId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"""
            SELECT {RegistrationRow.Columns} FROM registrations
            WHERE event_id = @eventId AND (@first OR sequence > (SELECT sequence FROM registrations WHERE id = @afterId AND event_id = @eventId))
            ORDER BY sequence
            LIMIT @limit
            """,
            new { eventId, first = afterId is null, afterId = afterId ?? Guid.Empty, limit = limit is { } pageSize ? pageSize + 1 : (int?)null },
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();
        var positions = (await connection.QueryAsync<(Guid Id, int Position)>(new CommandDefinition(
            """
            SELECT id, position FROM (
                SELECT id, row_number() OVER (ORDER BY sequence)::int AS position
                FROM registrations WHERE event_id = @eventId AND status = 'waitlisted') waiting
            WHERE id = ANY(@ids)
            """,
            new { eventId, ids = rows.Where(r => r.Status == RegistrationStatus.Waitlisted).Select(r => r.Id).ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(row => row.Id, row => row.Position);
        var attended = (await connection.QueryAsync<(Guid RegistrationId, Guid[] SessionIds)>(new CommandDefinition(
            """
            SELECT registration_id, array_agg(session_id ORDER BY session_id) FROM attendance
            WHERE registration_id = ANY(@ids) AND attended GROUP BY registration_id
            """,
            new { ids = rows.Select(r => r.Id).ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(row => row.RegistrationId, row => (IReadOnlyList<Guid>)row.SessionIds);
        var names = (await connection.QueryAsync<(Guid Id, string Name)>(new CommandDefinition(
            "SELECT id, name FROM organisations WHERE id = ANY(@ids)",
            new { ids = rows.Where(r => r.OrganisationId is not null).Select(r => r.OrganisationId!.Value).Distinct().ToArray() },
            cancellationToken: cancellationToken))).ToDictionary(row => row.Id, row => row.Name);
        return rows.Select(r => new RegistrationListing(
            r.Id,
            r.ParticipantName,
            r.AccountId,
            r.OrganisationId,
            r.OrganisationId is { } organisation ? names.GetValueOrDefault(organisation) : null,
            r.Status,
            positions.TryGetValue(r.Id, out var position) ? position : null,
            r.SessionIds,
            attended.GetValueOrDefault(r.Id) ?? [],
            r.CreatedAt)).ToList();
    }

    /// <summary>The caller's registrations (cancelled ones too), newest first, with their events.</summary>
    public async Task<IReadOnlyList<MyRegistration>> ForAccountAsync(Guid accountId, int limit, (DateTime At, Guid Id)? after, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var mine = (await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"""
            SELECT {RegistrationRow.Columns} FROM registrations
            WHERE account_id = @accountId AND (@first OR (created_at, id) < (@afterAt, @afterId))
            ORDER BY created_at DESC, id DESC
            LIMIT @limit
            """,
            new { accountId, first = after is null, afterAt = after?.At ?? DateTime.MinValue, afterId = after?.Id ?? Guid.Empty, limit = limit + 1 },
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();
        if (mine.Count == 0)
        {
            return [];
        }

        // One query each for the events and the positions, however many events the page spans.
        var eventIds = mine.Select(r => r.EventId).Distinct().ToArray();
        var events = (await EventStore.LoadManyAsync(eventIds, connection, cancellationToken)).ToDictionary(e => e.Id);
        var positions = (await connection.QueryAsync<(Guid Id, int Position)>(new CommandDefinition(
            """
            SELECT id, position FROM (
                SELECT id, account_id, row_number() OVER (PARTITION BY event_id ORDER BY sequence)::int AS position
                FROM registrations WHERE event_id = ANY(@eventIds) AND status = 'waitlisted') waiting
            WHERE account_id = @accountId
            """,
            new { eventIds, accountId },
            cancellationToken: cancellationToken))).ToDictionary(row => row.Id, row => row.Position);
        return mine.Select(r => new MyRegistration(r, positions.TryGetValue(r.Id, out var position) ? position : null, events[r.EventId])).ToList();
    }

    /// <summary>The waitlist position of a registration now.</summary>
    public async Task<int?> WaitlistPositionAsync(Registration registration, CancellationToken cancellationToken)
    {
        if (registration.Status != RegistrationStatus.Waitlisted)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT count(*)::int FROM registrations WHERE event_id = @EventId AND status = 'waitlisted' AND sequence <= @Sequence",
            new { registration.EventId, registration.Sequence },
            cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Places taken per session by confirmed registrations, counted in PostgreSQL (a whole-event
    /// registration takes a place in every session, chosen modules in theirs). Sessions nobody
    /// holds a place in are missing from the answer.
    /// </summary>
    internal static async Task<IReadOnlyDictionary<Guid, int>> TakenPlacesAsync(Guid[] eventIds, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QueryAsync<(Guid SessionId, int Taken)>(new CommandDefinition(
            """
            SELECT s.id, count(*)::int
            FROM registrations r JOIN sessions s ON s.event_id = r.event_id AND (r.session_ids IS NULL OR s.id = ANY(r.session_ids))
            WHERE r.event_id = ANY(@eventIds) AND r.status = 'confirmed'
            GROUP BY s.id
            """,
            new { eventIds },
            transaction,
            cancellationToken: cancellationToken))).ToDictionary(row => row.SessionId, row => row.Taken);

    /// <summary>The event's registrations that hold or wait for a place, inside the caller's transaction.</summary>
    internal static async Task<IReadOnlyList<Registration>> ActiveAsync(Guid eventId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE event_id = @eventId AND status <> 'cancelled' ORDER BY sequence",
            new { eventId },
            transaction,
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();

    /// <summary>
    /// Confirms everyone on the waitlist who fits now (<see cref="RegistrationPolicy.Promotions"/>),
    /// each told by WaitlistPromoted, while the event has not begun (<see cref="RegistrationPolicy.MayPromote"/>).
    /// The caller holds the event's row lock.
    /// </summary>
    internal static async Task<IReadOnlyList<Registration>> PromoteAsync(Event @event, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!RegistrationPolicy.MayPromote(@event, now))
        {
            return [];
        }

        var connection = transaction.Connection!;
        var taken = await TakenPlacesAsync([@event.Id], connection, transaction, cancellationToken);
        // Every session full: nobody on the waitlist can fit, and their rows need not be read.
        if (@event.Sessions.All(session => taken.GetValueOrDefault(session.Id) >= @event.Capacity))
        {
            return [];
        }

        var waitlist = (await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE event_id = @Id AND status = 'waitlisted' ORDER BY sequence",
            new { @event.Id },
            transaction,
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();
        var promoted = RegistrationPolicy.Promotions(@event, taken, waitlist);
        foreach (var registration in promoted)
        {
            await transaction.Connection!.ExecuteAsync(new CommandDefinition(
                "UPDATE registrations SET status = 'confirmed', promoted_at = @now WHERE id = @Id",
                new { registration.Id, now },
                transaction,
                cancellationToken: cancellationToken));
            if (registration.AccountId is { } accountId)
            {
                await Outbox.EnqueueAsync(transaction, new WaitlistPromoted
                {
                    RegistrationId = registration.Id,
                    EventId = @event.Id,
                    AccountId = accountId,
                    EventTitle = @event.Title,
                    OccurredAt = now,
                }, cancellationToken);
            }
        }

        return promoted;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled registration {RegistrationId} for event {EventId}; {Promoted} promoted from the waitlist")]
    private static partial void LogCancelled(ILogger logger, Guid registrationId, Guid eventId, int promoted);
}
