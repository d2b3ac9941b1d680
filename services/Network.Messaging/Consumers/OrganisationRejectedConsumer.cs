using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The organisation was not verified; its members are told why.</summary>
public sealed class OrganisationRejectedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationRejected>(dataSource)
{
    protected override async Task HandleAsync(OrganisationRejected message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An event overtaken by a later status change is history: the members are not told of it.
        if (!await DirectoryReadModel.SaveStatusAsync(message.OrganisationId, OrganisationStatus.Rejected, message.OccurredAt, transaction, cancellationToken))
        {
            return;
        }

        var name = await DirectoryReadModel.NameAsync(message.OrganisationId, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.OrganisationStatus,
                $"organisation_rejected:{message.OrganisationId}:{message.OccurredAt.UtcTicks}",
                NotificationTexts.OrganisationRejected(name, message.Reason),
                $"/organisations/{message.OrganisationId}"),
            [message.OrganisationId],
            transaction,
            cancellationToken);
    }
}
