using Network.Contracts.Matching;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>
/// A decline is told to the other side, with the reason if one was given. Suggestions closed for
/// other reasons (withdrawn, expired, no longer fitting) are not worth a notification: the
/// suggestion simply leaves the list.
/// </summary>
public sealed class SuggestionClosedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<SuggestionClosed>(dataSource)
{
    protected override async Task HandleAsync(SuggestionClosed message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (message.Reason != "declined" || message.DeclinedByOrganisationId is not { } decliner)
        {
            return;
        }

        var (other, otherTitle) = decliner == message.OfferOrganisationId
            ? (message.RequestOrganisationId, message.RequestTitle)
            : (message.OfferOrganisationId, message.OfferTitle);
        var name = await DirectoryReadModel.NameAsync(decliner, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.SuggestionDeclined,
                $"suggestion_declined:{message.SuggestionId}",
                NotificationTexts.SuggestionDeclined(name, otherTitle, message.DeclineReason),
                WebPages.Suggestions(other)),
            [other],
            transaction,
            cancellationToken);
    }
}
