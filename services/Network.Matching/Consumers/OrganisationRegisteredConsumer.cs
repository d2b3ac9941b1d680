using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>A new organisation in the read model: pending, so its listings are held until it is verified.</summary>
public sealed class OrganisationRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationRegistered>(dataSource)
{
    protected override Task HandleAsync(OrganisationRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationReadModel.SaveProfileAsync(
            new(message.OrganisationId, message.Name, message.Kind, message.Regions, message.Topics, message.Languages, message.TargetGroups, message.OccurredAt),
            transaction,
            cancellationToken);
}
