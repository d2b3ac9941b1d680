using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.Messaging.Realtime;
using Npgsql;

namespace Network.Messaging.Background;

/// <summary>
/// Delivers announcements in the background, so the coordinator's request returns at once and a
/// large audience does not hold up anyone else's requests: the audience's organisations are chosen
/// by <see cref="AnnouncementAudience"/>, then their members are notified a batch of organisations
/// at a time, each batch a short transaction of its own. A batch repeated after a crash notifies
/// nobody twice (one notification per person and announcement).
/// </summary>
public sealed partial class AnnouncementFanOut(
    AnnouncementStore announcements, NpgsqlDataSource dataSource, DatabaseListener listener, ILogger<AnnouncementFanOut> logger)
    : SignalledWorker(listener, logger)
{
    public const int OrganisationsPerBatch = 100;

    /// <summary>Long enough for one batch; every batch extends it.</summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    protected override string? Channel => DatabaseSignals.Announcements;

    protected override TimeSpan Interval => TimeSpan.FromSeconds(10);

    public override async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var announcement = await announcements.ClaimNextAsync(Lease, cancellationToken);
        if (announcement is null)
        {
            return false;
        }

        IReadOnlyList<OrganisationProfile> organisations;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            organisations = await DirectoryReadModel.VerifiedOrganisationsAsync(connection, announcement.Audience.Topics, cancellationToken);
        }

        var audience = organisations.Where(announcement.Audience.Includes).Select(o => o.Id).ToList();
        var notified = 0;
        foreach (var batch in audience.Chunk(OrganisationsPerBatch))
        {
            notified += await announcements.NotifyMembersAsync(announcement, batch, Lease, cancellationToken);
        }

        await announcements.CompleteAsync(announcement, cancellationToken);
        LogDelivered(logger, announcement.Id, audience.Count, notified);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Announcement {AnnouncementId} delivered: {Organisations} organisations, {Notified} people notified")]
    private static partial void LogDelivered(ILogger logger, Guid announcementId, int organisations, int notified);
}
