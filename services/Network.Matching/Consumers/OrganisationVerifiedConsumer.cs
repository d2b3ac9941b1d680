using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>A verified organisation's listings are listed and matched.</summary>
public sealed class OrganisationVerifiedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationVerified>(dataSource)
{
    protected override Task HandleAsync(OrganisationVerified message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationReadModel.SaveStatusAsync(message.OrganisationId, OrganisationStatus.Verified, message.OccurredAt, transaction, cancellationToken);
}
