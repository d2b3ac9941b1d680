using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Reinstated means verified again; its members are told.</summary>
public sealed class OrganisationReinstatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationReinstated>(dataSource)
{
    protected override async Task HandleAsync(OrganisationReinstated message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An event overtaken by a later status change is history: the members are not told of it.
        if (!await DirectoryReadModel.SaveStatusAsync(message.OrganisationId, OrganisationStatus.Verified, message.OccurredAt, transaction, cancellationToken))
        {
            return;
        }

        var name = await DirectoryReadModel.NameAsync(message.OrganisationId, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.OrganisationStatus,
                $"organisation_reinstated:{message.OrganisationId}:{message.OccurredAt.UtcTicks}",
                NotificationTexts.OrganisationReinstated(name),
                $"/organisations/{message.OrganisationId}"),
            [message.OrganisationId],
            transaction,
            cancellationToken);
    }
}
