using Dapper;
using Network.Events.Data;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.Events.PersonalData;

/// <summary>
/// A person's registrations, with their attendance and certificates. Erasure frees the places the
/// person still holds in events that have not begun (the waitlist moves up, as with any
/// cancellation; an event under way keeps its registrations, as a cancellation would) and then removes the account and the name from every registration and
/// certificate. The rows stay, without the person, so counts and certificate numbers still add up;
/// a certificate checked afterwards is still genuine but names nobody.
/// </summary>
internal sealed class RegistrationPersonalData(TimeProvider time) : IPersonalDataSource
{
    public string Section => "registrations";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var registrations = (await connection.QueryAsync<(Guid Id, Guid EventId, string EventTitle, string Status, string? ParticipantName, Guid? OrganisationId, Guid[]? SessionIds, DateTime CreatedAt, DateTime? CancelledAt)>(new CommandDefinition(
            """
            SELECT r.id, r.event_id, e.title, r.status, r.participant_name, r.organisation_id, r.session_ids, r.created_at, r.cancelled_at
            FROM registrations r JOIN events e ON e.id = r.event_id
            WHERE r.account_id = @accountId ORDER BY r.created_at, r.id
            """,
            new { accountId },
            cancellationToken: cancellationToken))).ToList();
        if (registrations.Count == 0)
        {
            return null;
        }

        var ids = registrations.Select(r => r.Id).ToArray();
        var attendance = (await connection.QueryAsync<(Guid RegistrationId, Guid SessionId, bool Attended, DateTime RecordedAt)>(new CommandDefinition(
            "SELECT registration_id, session_id, attended, recorded_at FROM attendance WHERE registration_id = ANY(@ids) ORDER BY recorded_at",
            new { ids },
            cancellationToken: cancellationToken))).ToLookup(a => a.RegistrationId);
        var certificates = (await connection.QueryAsync<(Guid RegistrationId, string Number, DateTime IssuedAt)>(new CommandDefinition(
            "SELECT registration_id, number, issued_at FROM certificates WHERE registration_id = ANY(@ids)",
            new { ids },
            cancellationToken: cancellationToken))).ToDictionary(c => c.RegistrationId);
        return registrations.Select(r => new
        {
            r.Id,
            r.EventId,
            r.EventTitle,
            r.Status,
            r.ParticipantName,
            r.OrganisationId,
            r.SessionIds,
            r.CreatedAt,
            r.CancelledAt,
            Attendance = attendance[r.Id].Select(a => new { a.SessionId, a.Attended, a.RecordedAt }).ToList(),
            Certificate = certificates.TryGetValue(r.Id, out var certificate) ? new { certificate.Number, certificate.IssuedAt } : null,
        }).ToList();
    }

    public async Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var connection = transaction.Connection!;
        var now = time.GetUtcNow();
        var upcoming = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT DISTINCT r.event_id FROM registrations r JOIN events e ON e.id = r.event_id
            WHERE r.account_id = @accountId AND r.status <> 'cancelled' AND e.first_starts_at > @now
            ORDER BY r.event_id
            """,
            new { accountId, now },
            transaction,
            cancellationToken: cancellationToken))).ToList();
        foreach (var eventId in upcoming)
        {
            // In id order under each event's row lock, like any cancellation, so places stay right.
            var @event = await EventStore.LoadAsync(eventId, transaction, lockRow: true, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE registrations SET status = 'cancelled', cancelled_at = @now WHERE event_id = @eventId AND account_id = @accountId AND status <> 'cancelled'",
                new { eventId, accountId, now },
                transaction,
                cancellationToken: cancellationToken));
            await RegistrationStore.PromoteAsync(@event!, transaction, now, cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE certificates SET participant_name = NULL
            WHERE registration_id IN (SELECT id FROM registrations WHERE account_id = @accountId);
            UPDATE registrations SET account_id = NULL, participant_name = NULL WHERE account_id = @accountId;
            """,
            new { accountId },
            transaction,
            cancellationToken: cancellationToken));
    }
}
