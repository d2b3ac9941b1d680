using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>A suspended organisation's members lose members-only access and organiser rights until it is reinstated.</summary>
public sealed class OrganisationSuspendedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationSuspended>(dataSource)
{
    protected override Task HandleAsync(OrganisationSuspended message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationProfiles.SaveStatusAsync(message.OrganisationId, "suspended", message.OccurredAt, transaction, cancellationToken);
}
