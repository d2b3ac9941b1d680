using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Events.Consumers;

/// <summary>Reinstating returns an organisation to verified (the directory's lifecycle).</summary>
public sealed class OrganisationReinstatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationReinstated>(dataSource)
{
    protected override Task HandleAsync(OrganisationReinstated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationProfiles.SaveStatusAsync(message.OrganisationId, "verified", message.OccurredAt, transaction, cancellationToken);
}
