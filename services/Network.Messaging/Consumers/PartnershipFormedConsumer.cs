using Network.Contracts.Matching;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>
/// Opens the partners' conversation (one per partnership, however often the event arrives), records
/// the partnership for the first-contact rule, and tells both organisations, each about the other.
/// </summary>
public sealed class PartnershipFormedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<PartnershipFormed>(dataSource)
{
    protected override async Task HandleAsync(PartnershipFormed message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var (conversationId, _) = await ConversationStore.OpenForPartnershipAsync(
            message.PartnershipId,
            message.FirstOrganisationId,
            message.SecondOrganisationId,
            $"{message.OfferTitle} – {message.RequestTitle}",
            transaction,
            cancellationToken);
        await PartnershipReadModel.SaveAsync(
            message.PartnershipId, message.FirstOrganisationId, message.SecondOrganisationId, conversationId, message.OccurredAt, transaction, cancellationToken);

        var key = $"partnership_formed:{message.PartnershipId}";
        foreach (var (own, other) in new[] { (message.FirstOrganisationId, message.SecondOrganisationId), (message.SecondOrganisationId, message.FirstOrganisationId) })
        {
            var otherName = await DirectoryReadModel.NameAsync(other, transaction, cancellationToken);
            await NotificationWriter.ToMembersAsync(
                new NotificationDraft(NotificationType.PartnershipFormed, key,
                    NotificationTexts.PartnershipFormed(otherName, message.OfferTitle, message.RequestTitle), WebPages.Conversation(conversationId)),
                [own],
                transaction,
                cancellationToken);
        }
    }
}
