using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>A role change says the person is a member (an accepted invitation may report it before MemberJoined).</summary>
public sealed class MemberRoleChangedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<MemberRoleChanged>(dataSource)
{
    protected override Task HandleAsync(MemberRoleChanged message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        DirectoryReadModel.SaveMembershipAsync(message.OrganisationId, message.AccountId, message.Role, active: true, message.OccurredAt, transaction, cancellationToken);
}
