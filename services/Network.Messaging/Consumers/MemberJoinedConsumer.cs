using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The new member shares the organisation's inbox and notifications from now on.</summary>
public sealed class MemberJoinedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<MemberJoined>(dataSource)
{
    protected override Task HandleAsync(MemberJoined message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        DirectoryReadModel.SaveMembershipAsync(message.OrganisationId, message.AccountId, message.Role, active: true, message.OccurredAt, transaction, cancellationToken);
}
