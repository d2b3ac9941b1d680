using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>A verified organisation's members see members-only events and organise events.</summary>
public sealed class OrganisationVerifiedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationVerified>(dataSource)
{
    protected override Task HandleAsync(OrganisationVerified message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationProfiles.SaveStatusAsync(message.OrganisationId, "verified", message.OccurredAt, transaction, cancellationToken);
}
