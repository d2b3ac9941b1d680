using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>The profile the read model keeps for ranking (regions, topics, languages) follows the directory's.</summary>
public sealed class OrganisationProfileUpdatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationProfileUpdated>(dataSource)
{
    protected override Task HandleAsync(OrganisationProfileUpdated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationReadModel.SaveProfileAsync(
            new(message.OrganisationId, message.Name, message.Kind, message.Regions, message.Topics, message.Languages, message.TargetGroups, message.OccurredAt),
            transaction,
            cancellationToken);
}
