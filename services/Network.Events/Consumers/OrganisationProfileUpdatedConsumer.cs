using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>The organisation's name, kind and regions follow the directory's profile.</summary>
public sealed class OrganisationProfileUpdatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationProfileUpdated>(dataSource)
{
    protected override Task HandleAsync(OrganisationProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationProfiles.SaveAsync(message.OrganisationId, message.Name, message.Kind, message.Regions, message.OccurredAt, transaction, cancellationToken);
}
