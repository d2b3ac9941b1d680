using Network.Messaging.Domain;
using Npgsql;

namespace Network.Messaging.Data;

/// <summary>
/// A status the directory gave an organisation (verified, rejected, suspended, reinstated): stored in
/// the read model and told to the organisation's members, once per status event.
/// </summary>
public static class OrganisationStatusNotice
{
    /// <summary>
    /// Stores <paramref name="status"/> and notifies the members with the text made from the
    /// organisation's name. An event overtaken by a later status change is history: it changes
    /// nothing and the members are not told of it. <paramref name="cause"/> starts the notification's
    /// key (<c>organisation_verified</c> …), which the event's time completes.
    /// </summary>
    public static async Task SaveAndTellMembersAsync(
        Guid organisationId,
        OrganisationStatus status,
        DateTimeOffset occurredAt,
        string cause,
        Func<string?, NotificationText> text,
        NpgsqlTransaction transaction,
        CancellationToken cancellationToken)
    {
        if (!await DirectoryReadModel.SaveStatusAsync(organisationId, status, occurredAt, transaction, cancellationToken))
        {
            return;
        }

        var name = await DirectoryReadModel.NameAsync(organisationId, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.OrganisationStatus,
                $"{cause}:{organisationId}:{occurredAt.UtcTicks}",
                text(name),
                WebPages.Organisation(organisationId)),
            [organisationId],
            transaction,
            cancellationToken);
    }
}
