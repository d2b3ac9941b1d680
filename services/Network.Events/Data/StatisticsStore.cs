using Dapper;
using Npgsql;

namespace Network.Events.Data;

/// <summary>Counts for one group (a kind, a topic, an organisation kind, a region).</summary>
public sealed record GroupCounts(string Key, int Events, int Registrations, int Confirmed, int Waitlisted, int SessionsAttended, int AttendanceRecorded, int Certificates)
{
    /// <summary>Attended marks out of all recorded marks; null when nothing was recorded.</summary>
    public double? AttendanceRate => AttendanceRecorded == 0 ? null : Math.Round((double)SessionsAttended / AttendanceRecorded, 3);
}

public sealed record EventStatistics(
    DateTimeOffset? From,
    DateTimeOffset? To,
    GroupCounts Total,
    IReadOnlyList<GroupCounts> ByKind,
    IReadOnlyList<GroupCounts> ByTopic,
    IReadOnlyList<GroupCounts> ByOrganiserKind,
    IReadOnlyList<GroupCounts> ByRegistrantOrganisationKind,
    IReadOnlyList<GroupCounts> ByRegion);

/// <summary>
/// What coordinators count: events, registrations (active ones: confirmed and waitlisted),
/// attendance and certificates, grouped by event kind, topic and region, and by organisation kind
/// (the organiser's, and the registering organisation's; `unknown` when the directory has not told
/// us, `individual` for people who registered for themselves). Cancelled events are left out.
/// </summary>
public sealed class StatisticsStore(NpgsqlDataSource dataSource)
{
    public async Task<EventStatistics> CountAsync(DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var parameters = new { from, to };
        // One row per active registration (or one empty row for an event without any), with what
        // each grouping needs; the groupings below only sum these.
        const string Facts = """
            WITH chosen AS (
                SELECT e.* FROM events e
                WHERE e.status = 'scheduled'
                  AND (CAST(@from AS timestamptz) IS NULL OR e.first_starts_at >= @from)
                  AND (CAST(@to AS timestamptz) IS NULL OR e.first_starts_at <= @to)),
            facts AS (
                SELECT e.id AS event_id, e.kind, e.topics, e.regions,
                       coalesce(org.kind, 'unknown') AS organiser_kind,
                       CASE WHEN r.id IS NULL THEN NULL WHEN r.organisation_id IS NULL THEN 'individual' ELSE coalesce(ro.kind, 'unknown') END AS registrant_kind,
                       r.id AS registration_id, r.status,
                       (SELECT count(*) FROM attendance a WHERE a.registration_id = r.id AND a.attended)::int AS attended,
                       (SELECT count(*) FROM attendance a WHERE a.registration_id = r.id)::int AS recorded,
                       (SELECT count(*) FROM certificates c WHERE c.registration_id = r.id AND c.revoked_at IS NULL)::int AS certificates
                FROM chosen e
                LEFT JOIN organisations org ON org.id = e.organiser_organisation_id
                LEFT JOIN registrations r ON r.event_id = e.id AND r.status <> 'cancelled'
                LEFT JOIN organisations ro ON ro.id = r.organisation_id)
            """;
        const string Sums = """
            count(DISTINCT event_id)::int AS events,
            count(registration_id)::int AS registrations,
            count(*) FILTER (WHERE status = 'confirmed')::int AS confirmed,
            count(*) FILTER (WHERE status = 'waitlisted')::int AS waitlisted,
            coalesce(sum(attended), 0)::int AS sessionsattended,
            coalesce(sum(recorded), 0)::int AS attendancerecorded,
            coalesce(sum(certificates), 0)::int AS certificates
            """;

        async Task<IReadOnlyList<GroupCounts>> GroupAsync(string key, string from = "facts", string where = "TRUE") =>
            (await connection.QueryAsync<GroupCounts>(new CommandDefinition(
                $"{Facts} SELECT {key} AS key, {Sums} FROM {from} WHERE {where} GROUP BY 1 ORDER BY 1",
                parameters,
                cancellationToken: cancellationToken))).ToList();

        var total = (await GroupAsync("'all'")).SingleOrDefault() ?? new GroupCounts("all", 0, 0, 0, 0, 0, 0, 0);
        return new EventStatistics(
            from,
            to,
            total,
            await GroupAsync("kind"),
            await GroupAsync("topic", "facts, unnest(topics) AS topic"),
            await GroupAsync("organiser_kind"),
            await GroupAsync("registrant_kind", where: "registrant_kind IS NOT NULL"),
            await GroupAsync("region", "facts, unnest(regions) AS region"));
    }
}
