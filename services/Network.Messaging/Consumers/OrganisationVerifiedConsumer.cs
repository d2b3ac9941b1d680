using Network.Contracts.Directory;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The organisation may now write to others; its members are told.</summary>
public sealed class OrganisationVerifiedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<OrganisationVerified>(dataSource)
{
    protected override async Task HandleAsync(OrganisationVerified message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        // An event overtaken by a later status change is history: the members are not told of it.
        if (!await DirectoryReadModel.SaveStatusAsync(message.OrganisationId, OrganisationStatus.Verified, message.OccurredAt, transaction, cancellationToken))
        {
            return;
        }

        var name = await DirectoryReadModel.NameAsync(message.OrganisationId, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.OrganisationStatus,
                $"organisation_verified:{message.OrganisationId}:{message.OccurredAt.UtcTicks}",
                NotificationTexts.OrganisationVerified(name),
                $"/organisations/{message.OrganisationId}"),
            [message.OrganisationId],
            transaction,
            cancellationToken);
    }
}
