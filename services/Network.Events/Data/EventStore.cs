using Dapper;
using Network.Contracts.Events;
using Network.Events.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Data;

/// <summary>Why an edit was not stored.</summary>
public enum EventUpdateFailure
{
    /// <summary>Someone changed the event since the caller read it.</summary>
    Stale,

    /// <summary>Cancelled events stay as they were.</summary>
    Cancelled,

    /// <summary>More people are confirmed for a session than the new capacity.</summary>
    CapacityBelowConfirmed,

    /// <summary>A session people registered for, or whose attendance was recorded, cannot be dropped.</summary>
    SessionInUse,
}

/// <summary>An event with the counts of its registrations, as the API shows them.</summary>
public sealed record EventWithPlaces(Event Event, int PlacesLeft, int WaitlistLength, IReadOnlyDictionary<Guid, int> PlacesLeftBySession);

/// <summary>
/// Events and their sessions in PostgreSQL. Every change is one transaction with the event it
/// causes (through the outbox). Changes that touch places lock the event's row first, the same
/// lock registrations take, so an edit and a registration never decide on different counts.
/// </summary>
public sealed partial class EventStore(NpgsqlDataSource dataSource, TimeProvider time, ILogger<EventStore> logger)
{
    public async Task<Event> CreateAsync(Guid organiserOrganisationId, EventKind kind, EventContent content, CancellationToken cancellationToken)
    {
        var id = Guid.CreateVersion7();
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO events (
                id, organiser_organisation_id, kind, status, title, description, topics, regions, languages,
                capacity, registration_deadline, certificate_min_sessions, visibility, first_starts_at, last_ends_at, created_at, updated_at)
            VALUES (
                @id, @organiserOrganisationId, @kind, 'scheduled', @title, @description, @topics, @regions, @languages,
                @capacity, @registrationDeadline, @certificateMinSessions, @visibility, @firstStartsAt, @lastEndsAt, @now, @now)
            """,
            ContentParameters(content, new { id, organiserOrganisationId, kind = EnumCodes.Of(kind), now }),
            transaction,
            cancellationToken: cancellationToken));
        await WriteSessionsAsync(id, [], content.Sessions, transaction, cancellationToken);
        await Outbox.EnqueueAsync(transaction, new EventPublished
        {
            EventId = id,
            OrganiserOrganisationId = organiserOrganisationId,
            Kind = EnumCodes.Of(kind),
            Title = content.Title,
            Topics = content.Topics,
            Regions = content.Regions,
            FirstSessionStartsAt = content.FirstStartsAt,
            Visibility = EnumCodes.Of(content.Visibility),
            OccurredAt = now,
        }, cancellationToken);
        var created = (await LoadAsync(id, transaction, lockRow: false, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        LogCreated(logger, id, organiserOrganisationId, EnumCodes.Of(kind));
        return created;
    }

    public async Task<Event?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await LoadAsync(id, connection, null, lockRow: false, cancellationToken);
    }

    /// <summary>The event with its places left and waitlist length.</summary>
    public async Task<EventWithPlaces?> FindWithPlacesAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var @event = await LoadAsync(id, connection, null, lockRow: false, cancellationToken);
        return @event is null ? null : (await WithPlacesAsync([@event], connection, cancellationToken))[0];
    }

    /// <summary>One page of the list, plus one more event when there is a next page.</summary>
    public async Task<IReadOnlyList<EventWithPlaces>> SearchAsync(EventSearchCriteria criteria, EventViewer viewer, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var events = await FindAllAsync(criteria, viewer, limit, connection, cancellationToken);
        return await WithPlacesAsync(events, connection, cancellationToken);
    }

    /// <summary>The same events without their places, for the calendar feed, which does not show them.</summary>
    public async Task<IReadOnlyList<Event>> SearchWithoutPlacesAsync(EventSearchCriteria criteria, EventViewer viewer, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await FindAllAsync(criteria, viewer, limit, connection, cancellationToken);
    }

    private static async Task<IReadOnlyList<Event>> FindAllAsync(EventSearchCriteria criteria, EventViewer viewer, int limit, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var (sql, parameters) = SearchSql(criteria, viewer, limit);
        var rows = (await connection.QueryAsync<EventRow>(new CommandDefinition(sql, parameters, cancellationToken: cancellationToken))).ToList();
        return await WithSessionsAsync(rows, connection, null, cancellationToken);
    }

    /// <summary>
    /// The list's query: events that have not ended by <c>from</c> (events_by_last_end finds them
    /// without reading the past), in order of their first session, as far as the viewer may see them.
    /// </summary>
    internal static (string Sql, DynamicParameters Parameters) SearchSql(EventSearchCriteria criteria, EventViewer viewer, int limit)
    {
        var conditions = new List<string> { "last_ends_at >= @from" };
        var parameters = new DynamicParameters(new { from = criteria.From, limit = limit + 1 });
        if (criteria.To is { } to)
        {
            conditions.Add("first_starts_at <= @to");
            parameters.Add("to", to);
        }

        if (criteria.Kind is { } kind)
        {
            conditions.Add("kind = @kind");
            parameters.Add("kind", EnumCodes.Of(kind));
        }

        if (criteria.Topics.Count > 0)
        {
            conditions.Add("topics && @topics");
            parameters.Add("topics", criteria.Topics.ToArray());
        }

        if (criteria.Regions.Count > 0)
        {
            conditions.Add("regions && @regions");
            parameters.Add("regions", criteria.Regions.ToArray());
        }

        if (criteria.Languages is { Count: > 0 } languages)
        {
            conditions.Add("languages && @languages");
            parameters.Add("languages", languages.ToArray());
        }

        // Every word somewhere in the title or description, as written (case aside): the list of a
        // city's events is short enough that a pattern scan over the upcoming ones costs nothing.
        for (var i = 0; i < (criteria.Words?.Count ?? 0); i++)
        {
            conditions.Add($"(title ILIKE @word{i} ESCAPE '\\' OR description ILIKE @word{i} ESCAPE '\\')");
            parameters.Add($"word{i}", "%" + EscapeLike(criteria.Words![i]) + "%");
        }

        if (criteria.OrganiserOrganisationId is { } organiser)
        {
            conditions.Add("organiser_organisation_id = @organiser");
            parameters.Add("organiser", organiser);
        }

        if (criteria.After is { } after)
        {
            conditions.Add("(first_starts_at, id) > (@afterAt, @afterId)");
            parameters.Add("afterAt", after.At);
            parameters.Add("afterId", after.Id);
        }

        // The SQL form of EventAccess.CanSee: coordinators see everything; members of a verified
        // organiser their own events; members of any verified organisation every visible event, and
        // everyone else public ones that moderation has not hidden.
        if (!viewer.IsCoordinator)
        {
            conditions.Add(
                """
                ((hidden_at IS NULL AND (visibility = 'public'
                    OR (@signedIn AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = ANY(@own) AND o.status = 'verified'))))
                 OR (organiser_organisation_id = ANY(@own)
                    AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = events.organiser_organisation_id AND o.status = 'verified')))
                """);
            parameters.Add("own", viewer.Organisations.ToArray());
            parameters.Add("signedIn", viewer.IsSignedIn);
        }

        return ($"SELECT {EventRow.Columns} FROM events WHERE {string.Join(" AND ", conditions)} ORDER BY first_starts_at, id LIMIT @limit", parameters);
    }

    private static string EscapeLike(string word) => word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_");

    /// <summary>
    /// Replaces the content if the event is still at <paramref name="expectedVersion"/>, with its
    /// EventUpdated event (TimeOrPlaceChanged and every registrant when a session moved). Sessions
    /// that moved are reminded again; a raised capacity promotes from the waitlist.
    /// </summary>
    public async Task<(Event? Updated, EventUpdateFailure? Failure)> UpdateAsync(Guid id, int expectedVersion, EventContent content, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LoadAsync(id, transaction, lockRow: true, cancellationToken);
        if (current is null || current.Version != expectedVersion)
        {
            return (null, EventUpdateFailure.Stale);
        }

        if (current.Status == EventStatus.Cancelled)
        {
            return (null, EventUpdateFailure.Cancelled);
        }

        var registrations = await RegistrationStore.ActiveAsync(id, transaction, cancellationToken);
        var kept = content.Sessions.Where(s => s.Id is not null).Select(s => s.Id!.Value).ToHashSet();
        var dropped = current.Sessions.Where(s => !kept.Contains(s.Id)).Select(s => s.Id).ToList();
        if (dropped.Count > 0 && await SessionsInUseAsync(dropped, registrations, transaction, cancellationToken))
        {
            return (null, EventUpdateFailure.SessionInUse);
        }

        var taken = RegistrationPolicy.TakenPlaces(current, registrations);
        if (taken.Values.DefaultIfEmpty(0).Max() > content.Capacity)
        {
            return (null, EventUpdateFailure.CapacityBelowConfirmed);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events SET
                title = @title, description = @description, topics = @topics, regions = @regions, languages = @languages,
                capacity = @capacity, registration_deadline = @registrationDeadline, certificate_min_sessions = @certificateMinSessions,
                visibility = @visibility, first_starts_at = @firstStartsAt, last_ends_at = @lastEndsAt,
                version = version + 1, updated_at = @now
            WHERE id = @id
            """,
            ContentParameters(content, new { id, now }),
            transaction,
            cancellationToken: cancellationToken));
        await WriteSessionsAsync(id, current.Sessions, content.Sessions, transaction, cancellationToken);
        var updated = (await LoadAsync(id, transaction, lockRow: false, cancellationToken))!;
        await Outbox.EnqueueAsync(transaction, new EventUpdated
        {
            EventId = id,
            Title = updated.Title,
            TimeOrPlaceChanged = EventChanges.TimeOrPlaceChanged(current.Sessions, content.Sessions),
            RegistrantAccountIds = Registrants(registrations),
            OccurredAt = now,
        }, cancellationToken);
        await RegistrationStore.PromoteAsync(updated, transaction, now, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (updated, null);
    }

    /// <summary>Cancels a scheduled event, with its EventCancelled event naming every registrant.</summary>
    /// <returns>The cancelled event, or null when it was cancelled already.</returns>
    public async Task<Event?> CancelAsync(Guid id, string reason, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var current = await LoadAsync(id, transaction, lockRow: true, cancellationToken);
        if (current is null || current.Status == EventStatus.Cancelled)
        {
            return null;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE events SET status = 'cancelled', cancelled_at = @now, cancellation_reason = @reason, version = version + 1, updated_at = @now
            WHERE id = @id
            """,
            new { id, now, reason },
            transaction,
            cancellationToken: cancellationToken));
        // An event that did not take place as planned certifies nobody.
        await AttendanceStore.RevokeAllAsync(id, now, transaction, cancellationToken);
        var registrations = await RegistrationStore.ActiveAsync(id, transaction, cancellationToken);
        await Outbox.EnqueueAsync(transaction, new EventCancelled
        {
            EventId = id,
            Title = current.Title,
            Reason = reason,
            RegistrantAccountIds = Registrants(registrations),
            OccurredAt = now,
        }, cancellationToken);
        var cancelled = (await LoadAsync(id, transaction, lockRow: false, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        LogCancelled(logger, id);
        return cancelled;
    }

    /// <summary>Several events with their sessions, in two queries whatever their number.</summary>
    internal static async Task<IReadOnlyList<Event>> LoadManyAsync(IReadOnlyCollection<Guid> ids, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventRow.Columns} FROM events WHERE id = ANY(@ids)", new { ids = ids.ToArray() }, cancellationToken: cancellationToken))).ToList();
        return await WithSessionsAsync(rows, connection, null, cancellationToken);
    }

    /// <summary>The event and its sessions, inside a transaction; <paramref name="lockRow"/> takes the event's row lock (FOR UPDATE).</summary>
    internal static Task<Event?> LoadAsync(Guid id, NpgsqlTransaction transaction, bool lockRow, CancellationToken cancellationToken) =>
        LoadAsync(id, transaction.Connection!, transaction, lockRow, cancellationToken);

    internal static async Task<Event?> LoadAsync(Guid id, NpgsqlConnection connection, NpgsqlTransaction? transaction, bool lockRow, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition(
            $"SELECT {EventRow.Columns} FROM events WHERE id = @id {(lockRow ? "FOR UPDATE" : string.Empty)}",
            new { id },
            transaction,
            cancellationToken: cancellationToken));
        if (row is null)
        {
            return null;
        }

        return (await WithSessionsAsync([row], connection, transaction, cancellationToken))[0];
    }

    internal static IReadOnlyList<Guid> Registrants(IEnumerable<Registration> registrations) =>
        registrations.Where(r => r.Status != RegistrationStatus.Cancelled && r.AccountId is not null).Select(r => r.AccountId!.Value).Distinct().ToList();

    private static async Task<IReadOnlyList<Event>> WithSessionsAsync(IReadOnlyList<EventRow> rows, NpgsqlConnection connection, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var sessions = (await connection.QueryAsync<SessionRow>(new CommandDefinition(
            $"SELECT {SessionRow.Columns} FROM sessions WHERE event_id = ANY(@ids) ORDER BY event_id, position",
            new { ids = rows.Select(row => row.Id).ToArray() },
            transaction,
            cancellationToken: cancellationToken))).ToLookup(session => session.EventId);
        return rows.Select(row => row.ToEvent(sessions[row.Id].Select(session => session.ToSession()).ToList())).ToList();
    }

    /// <summary>Places left and waitlist lengths, counted by PostgreSQL rather than by loading every registration.</summary>
    private static async Task<IReadOnlyList<EventWithPlaces>> WithPlacesAsync(IReadOnlyList<Event> events, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return [];
        }

        var ids = events.Select(e => e.Id).ToArray();
        var taken = await RegistrationStore.TakenPlacesAsync(ids, connection, null, cancellationToken);
        var waiting = (await connection.QueryAsync<(Guid EventId, int Count)>(new CommandDefinition(
            "SELECT event_id, count(*)::int FROM registrations WHERE event_id = ANY(@ids) AND status = 'waitlisted' GROUP BY event_id",
            new { ids },
            cancellationToken: cancellationToken))).ToDictionary(row => row.EventId, row => row.Count);
        return events.Select(@event =>
        {
            var takenOfEvent = @event.Sessions.ToDictionary(session => session.Id, session => taken.GetValueOrDefault(session.Id));
            var bySession = takenOfEvent.ToDictionary(pair => pair.Key, pair => Math.Max(0, @event.Capacity - pair.Value));
            return new EventWithPlaces(@event, RegistrationPolicy.PlacesLeft(@event, takenOfEvent), waiting.GetValueOrDefault(@event.Id), bySession);
        }).ToList();
    }

    /// <summary>
    /// Writes the planned sessions: kept ones (by id) are updated, and their reminders are due again
    /// when their start moved; new ones are inserted; dropped ones deleted (the caller made sure
    /// nobody holds them).
    /// </summary>
    private static async Task WriteSessionsAsync(Guid eventId, IReadOnlyList<Session> before, IReadOnlyList<SessionPlan> plans, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var kept = plans.Where(plan => plan.Id is not null).Select(plan => plan.Id!.Value).ToArray();
        var dropped = before.Where(session => !kept.Contains(session.Id)).Select(session => session.Id).ToArray();
        if (dropped.Length > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM sessions WHERE id = ANY(@dropped)", new { dropped }, transaction, cancellationToken: cancellationToken));
        }

        for (var position = 0; position < plans.Count; position++)
        {
            var plan = plans[position];
            var parameters = new
            {
                id = plan.Id ?? Guid.CreateVersion7(),
                eventId,
                position = position + 1,
                title = plan.Title,
                startsAt = plan.StartsAt,
                endsAt = plan.EndsAt,
                online = plan.Place.Online,
                url = plan.Place.Url,
                venue = plan.Place.Venue,
                address = plan.Place.Address,
                accessibility = plan.Place.Accessibility,
            };
            if (plan.Id is not null)
            {
                // A session that moved is reminded again, for its new time, to everyone.
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    DELETE FROM session_reminders
                    WHERE session_id = @id AND EXISTS (SELECT 1 FROM sessions WHERE id = @id AND event_id = @eventId AND starts_at <> @startsAt)
                    """,
                    parameters,
                    transaction,
                    cancellationToken: cancellationToken));
            }

            await connection.ExecuteAsync(new CommandDefinition(
                plan.Id is null
                    ? """
                      INSERT INTO sessions (id, event_id, position, title, starts_at, ends_at, online, url, venue, address, accessibility)
                      VALUES (@id, @eventId, @position, @title, @startsAt, @endsAt, @online, @url, @venue, @address, @accessibility)
                      """
                    : """
                      UPDATE sessions SET
                          position = @position, title = @title, online = @online, url = @url, venue = @venue, address = @address,
                          accessibility = @accessibility, ends_at = @endsAt, starts_at = @startsAt
                      WHERE id = @id AND event_id = @eventId
                      """,
                parameters,
                transaction,
                cancellationToken: cancellationToken));
        }
    }

    private static async Task<bool> SessionsInUseAsync(IReadOnlyList<Guid> sessionIds, IReadOnlyList<Registration> registrations, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // Whole-event registrations hold every session; chosen modules hold theirs.
        if (registrations.Any(r => r.SessionIds is null || r.SessionIds.Any(sessionIds.Contains)))
        {
            return true;
        }

        return await transaction.Connection!.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM attendance WHERE session_id = ANY(@ids))",
            new { ids = sessionIds.ToArray() },
            transaction,
            cancellationToken: cancellationToken));
    }

    private static DynamicParameters ContentParameters(EventContent content, object extra)
    {
        var parameters = new DynamicParameters(new
        {
            title = content.Title,
            description = content.Description,
            topics = content.Topics.ToArray(),
            regions = content.Regions.ToArray(),
            languages = content.Languages.ToArray(),
            capacity = content.Capacity,
            registrationDeadline = content.RegistrationDeadline,
            certificateMinSessions = content.CertificateMinSessions,
            visibility = EnumCodes.Of(content.Visibility),
            firstStartsAt = content.FirstStartsAt,
            lastEndsAt = content.LastEndsAt,
        });
        parameters.AddDynamicParams(extra);
        return parameters;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created event {EventId} of organisation {OrganisationId} ({Kind})")]
    private static partial void LogCreated(ILogger logger, Guid eventId, Guid organisationId, string kind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cancelled event {EventId}")]
    private static partial void LogCancelled(ILogger logger, Guid eventId);
}
