using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>
/// A new organisation in the read model. Its creator is its first org_admin: recorded here too, so
/// that the creator hears of the verification even if that overtakes their MemberJoined.
/// </summary>
public sealed class OrganisationRegisteredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationRegistered>(dataSource)
{
    protected override async Task HandleAsync(OrganisationRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await DirectoryReadModel.SaveProfileAsync(
            new(message.OrganisationId, message.Name, message.Kind, message.Regions, message.Topics, message.OccurredAt), transaction, cancellationToken);
        await DirectoryReadModel.SaveMembershipAsync(
            message.OrganisationId, message.CreatedByAccountId, "org_admin", active: true, message.OccurredAt, transaction, cancellationToken);
    }
}
