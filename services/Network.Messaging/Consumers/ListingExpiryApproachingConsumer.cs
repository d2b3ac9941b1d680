using Network.Contracts.Matching;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The listing's organisation is reminded to extend it while there is time.</summary>
public sealed class ListingExpiryApproachingConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<ListingExpiryApproaching>(dataSource)
{
    protected override Task HandleAsync(ListingExpiryApproaching message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.ListingExpiring,
                $"listing_expiring:{message.ListingId}:{message.ValidUntil.UtcTicks}",
                NotificationTexts.ListingExpiring(message.Title, message.ValidUntil),
                WebPages.Listing(message.ListingId)),
            [message.OrganisationId],
            transaction,
            cancellationToken);
}
