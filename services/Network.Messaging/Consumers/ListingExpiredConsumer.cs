using Network.Contracts.Matching;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The listing's organisation learns why it is no longer found.</summary>
public sealed class ListingExpiredConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<ListingExpired>(dataSource)
{
    protected override Task HandleAsync(ListingExpired message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.ListingExpired,
                $"listing_expired:{message.ListingId}:{message.OccurredAt.UtcTicks}",
                NotificationTexts.ListingExpired(message.Title),
                WebPages.Listing(message.ListingId)),
            [message.OrganisationId],
            transaction,
            cancellationToken);
}
