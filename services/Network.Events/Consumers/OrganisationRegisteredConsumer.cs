using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>A new organisation: its name and kind for certificates and statistics.</summary>
public sealed class OrganisationRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationRegistered>(dataSource)
{
    protected override Task HandleAsync(OrganisationRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationProfiles.SaveAsync(message.OrganisationId, message.Name, message.Kind, message.Regions, message.OccurredAt, transaction, cancellationToken);
}
