using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>A suspended organisation cannot write; its members are told why.</summary>
public sealed class OrganisationSuspendedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationSuspended>(dataSource)
{
    protected override async Task HandleAsync(OrganisationSuspended message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An event overtaken by a later status change is history: the members are not told of it.
        if (!await DirectoryReadModel.SaveStatusAsync(message.OrganisationId, OrganisationStatus.Suspended, message.OccurredAt, transaction, cancellationToken))
        {
            return;
        }

        var name = await DirectoryReadModel.NameAsync(message.OrganisationId, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.OrganisationStatus,
                $"organisation_suspended:{message.OrganisationId}:{message.OccurredAt.UtcTicks}",
                NotificationTexts.OrganisationSuspended(name, message.Reason),
                $"/organisations/{message.OrganisationId}"),
            [message.OrganisationId],
            transaction,
            cancellationToken);
    }
}
