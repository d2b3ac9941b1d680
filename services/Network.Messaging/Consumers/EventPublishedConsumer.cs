using Network.Contracts.Events;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The members of the organisations the event fits (<see cref="EventFit"/>) hear of it.</summary>
public sealed class EventPublishedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<EventPublished>(dataSource)
{
    protected override async Task HandleAsync(EventPublished message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var organisations = await DirectoryReadModel.VerifiedOrganisationsAsync(transaction.Connection!, message.Topics, cancellationToken);
        var fitting = organisations
            .Where(o => EventFit.Fits(o, message.OrganiserOrganisationId, message.Topics, message.Regions))
            .Select(o => o.Id)
            .ToList();
        if (fitting.Count == 0)
        {
            return;
        }

        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.EventPublished,
                $"event_published:{message.EventId}",
                NotificationTexts.EventPublished(message.Title, message.FirstSessionStartsAt),
                WebPages.Event(message.EventId)),
            fitting,
            transaction,
            cancellationToken);
    }
}
