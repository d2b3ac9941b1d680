using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Reinstated means verified again; its members are told.</summary>
public sealed class OrganisationReinstatedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationReinstated>(dataSource)
{
    protected override Task HandleAsync(OrganisationReinstated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationStatusNotice.SaveAndTellMembersAsync(
            message.OrganisationId,
            OrganisationStatus.Verified,
            message.OccurredAt,
            "organisation_reinstated",
            NotificationTexts.OrganisationReinstated,
            transaction,
            cancellationToken);
}
