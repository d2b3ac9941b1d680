using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>A rejected organisation's members are not members of the network.</summary>
public sealed class OrganisationRejectedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationRejected>(dataSource)
{
    protected override Task HandleAsync(OrganisationRejected message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationProfiles.SaveStatusAsync(message.OrganisationId, "rejected", message.OccurredAt, transaction, cancellationToken);
}
