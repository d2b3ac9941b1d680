using Network.Contracts.Matching;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>The other side hears that one side is interested: its own interest would form a partnership.</summary>
public sealed class InterestExpressedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<InterestExpressed>(dataSource)
{
    protected override async Task HandleAsync(InterestExpressed message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        var name = await DirectoryReadModel.NameAsync(message.OrganisationId, transaction, cancellationToken);
        await NotificationWriter.ToMembersAsync(
            new NotificationDraft(
                NotificationType.InterestExpressed,
                $"interest_expressed:{message.SuggestionId}:{message.OrganisationId}",
                NotificationTexts.InterestExpressed(name),
                WebPages.Suggestions(message.OtherOrganisationId)),
            [message.OtherOrganisationId],
            transaction,
            cancellationToken);
    }
}
