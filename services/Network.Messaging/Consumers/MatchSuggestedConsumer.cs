using Network.Contracts.Matching;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>Both organisations hear of the suggestion, each from its own side (its offer or its request).</summary>
public sealed class MatchSuggestedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<MatchSuggested>(dataSource)
{
    protected override async Task HandleAsync(MatchSuggested message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var key = $"match_suggested:{message.SuggestionId}";
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(NotificationType.MatchSuggested, key,
                NotificationTexts.MatchSuggested(message.OfferTitle, message.RequestTitle, ownIsOffer: true, message.Reasons),
                WebPages.Suggestions(message.OfferOrganisationId)),
            [message.OfferOrganisationId],
            transaction,
            cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(NotificationType.MatchSuggested, key,
                NotificationTexts.MatchSuggested(message.RequestTitle, message.OfferTitle, ownIsOffer: false, message.Reasons),
                WebPages.Suggestions(message.RequestOrganisationId)),
            [message.RequestOrganisationId],
            transaction,
            cancellationToken);
    }
}
