using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Keeps the name (for texts), kind, regions and topics (for audiences and fitting events) current.</summary>
public sealed class OrganisationProfileUpdatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationProfileUpdated>(dataSource)
{
    protected override Task HandleAsync(OrganisationProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        DirectoryReadModel.SaveProfileAsync(
            new(message.OrganisationId, message.Name, message.Kind, message.Regions, message.Topics, message.OccurredAt), transaction, cancellationToken);
}
