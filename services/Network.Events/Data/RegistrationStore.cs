using Dapper;
using Network.Contracts.Events;
using Network.Events.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Data;

/// <summary>What became of a registration request.</summary>
public sealed record RegistrationResult(Registration? Registration, int? WaitlistPosition, RegistrationRefusal? Refusal, bool EventMissing);

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

        var registrations = await ActiveAsync(eventId, transaction, cancellationToken);
        var refusal = RegistrationPolicy.Refusal(@event, now, registrations.Any(r => r.AccountId == accountId));
        if (refusal is not null)
        {
            return new RegistrationResult(null, null, refusal, EventMissing: false);
        }

        var chosen = sessionIds ?? @event.Sessions.Select(session => session.Id).ToList();
        var outcome = RegistrationPolicy.Decide(@event, chosen, registrations);
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
    /// told (WaitlistPromoted). Cancelling one already cancelled changes nothing.
    /// </summary>
    /// <returns>The registrations promoted, or null when there was nothing to cancel.</returns>
    public async Task<IReadOnlyList<Registration>?> CancelAsync(Guid eventId, Guid registrationId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var @event = await EventStore.LoadAsync(eventId, transaction, lockRow: true, cancellationToken);
        if (@event is null)
        {
            return null;
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
            return null;
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

        var promoted = @event.Status == EventStatus.Scheduled ? await PromoteAsync(@event, transaction, now, cancellationToken) : [];
        await transaction.CommitAsync(cancellationToken);
        LogCancelled(logger, registrationId, eventId, promoted.Count);
        return promoted;
    }

    /// <summary>The event's registrations with their attendance counts and organisation names, in registration order.</summary>
    public async Task<IReadOnlyList<RegistrationListing>> ListAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE event_id = @eventId ORDER BY sequence",
            new { eventId },
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();
        var attended = (await connection.QueryAsync<(Guid RegistrationId, int Count)>(new CommandDefinition(
            """
            SELECT a.registration_id, count(*)::int FROM attendance a JOIN registrations r ON r.id = a.registration_id
            WHERE r.event_id = @eventId AND a.attended GROUP BY a.registration_id
            """,
            new { eventId },
            cancellationToken: cancellationToken))).ToDictionary(row => row.RegistrationId, row => row.Count);
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
            RegistrationPolicy.PositionOf(r, rows),
            r.SessionIds,
            attended.GetValueOrDefault(r.Id),
            r.CreatedAt)).ToList();
    }

    /// <summary>The caller's registrations (cancelled ones too), newest first, with their events.</summary>
    public async Task<IReadOnlyList<MyRegistration>> ForAccountAsync(Guid accountId, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var mine = (await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE account_id = @accountId ORDER BY created_at DESC LIMIT 500",
            new { accountId },
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();
        var result = new List<MyRegistration>();
        foreach (var eventId in mine.Select(r => r.EventId).Distinct())
        {
            var @event = await EventStore.LoadAsync(eventId, connection, null, lockRow: false, cancellationToken);
            var waiting = (await connection.QueryAsync<RegistrationRow>(new CommandDefinition(
                $"SELECT {RegistrationRow.Columns} FROM registrations WHERE event_id = @eventId AND status = 'waitlisted'",
                new { eventId },
                cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();
            foreach (var registration in mine.Where(r => r.EventId == eventId))
            {
                result.Add(new MyRegistration(registration, RegistrationPolicy.PositionOf(registration, waiting), @event!));
            }
        }

        return result.OrderByDescending(r => r.Registration.CreatedAt).ToList();
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

    /// <summary>The event's registrations that hold or wait for a place, inside the caller's transaction.</summary>
    internal static async Task<IReadOnlyList<Registration>> ActiveAsync(Guid eventId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        (await transaction.Connection!.QueryAsync<RegistrationRow>(new CommandDefinition(
            $"SELECT {RegistrationRow.Columns} FROM registrations WHERE event_id = @eventId AND status <> 'cancelled' ORDER BY sequence",
            new { eventId },
            transaction,
            cancellationToken: cancellationToken))).Select(row => row.ToRegistration()).ToList();

    /// <summary>
    /// Confirms everyone on the waitlist who fits now (<see cref="RegistrationPolicy.Promotions"/>),
    /// each told by WaitlistPromoted. The caller holds the event's row lock.
    /// </summary>
    internal static async Task<IReadOnlyList<Registration>> PromoteAsync(Event @event, NpgsqlTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (@event.Status != EventStatus.Scheduled)
        {
            return [];
        }

        var promoted = RegistrationPolicy.Promotions(@event, await ActiveAsync(@event.Id, transaction, cancellationToken));
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
