using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>A suspended organisation cannot write; its members are told why.</summary>
public sealed class OrganisationSuspendedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationSuspended>(dataSource)
{
    protected override Task HandleAsync(OrganisationSuspended message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationStatusNotice.SaveAndTellMembersAsync(
            message.OrganisationId,
            OrganisationStatus.Suspended,
            message.OccurredAt,
            "organisation_suspended",
            name => NotificationTexts.OrganisationSuspended(name, message.Reason),
            transaction,
            cancellationToken);
}
