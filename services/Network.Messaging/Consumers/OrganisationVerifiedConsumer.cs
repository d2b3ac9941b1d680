using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The organisation may now write to others; its members are told.</summary>
public sealed class OrganisationVerifiedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationVerified>(dataSource)
{
    protected override Task HandleAsync(OrganisationVerified message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        OrganisationStatusNotice.SaveAndTellMembersAsync(
            message.OrganisationId,
            OrganisationStatus.Verified,
            message.OccurredAt,
            "organisation_verified",
            NotificationTexts.OrganisationVerified,
            transaction,
            cancellationToken);
}
