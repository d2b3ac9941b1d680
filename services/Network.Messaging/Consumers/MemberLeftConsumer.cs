using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Someone who left hears nothing more of the organisation.</summary>
public sealed class MemberLeftConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<MemberLeft>(dataSource)
{
    protected override Task HandleAsync(MemberLeft message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        DirectoryReadModel.SaveMembershipAsync(message.OrganisationId, message.AccountId, role: null, active: false, message.OccurredAt, transaction, cancellationToken);
}
