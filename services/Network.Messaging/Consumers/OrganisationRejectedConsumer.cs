using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The organisation was not verified; its members are told why.</summary>
public sealed class OrganisationRejectedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationRejected>(dataSource)
{
    protected override Task HandleAsync(OrganisationRejected message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationStatusNotice.SaveAndTellMembersAsync(
            message.OrganisationId,
            OrganisationStatus.Rejected,
            message.OccurredAt,
            "organisation_rejected",
            name => NotificationTexts.OrganisationRejected(name, message.Reason),
            transaction,
            cancellationToken);
}
