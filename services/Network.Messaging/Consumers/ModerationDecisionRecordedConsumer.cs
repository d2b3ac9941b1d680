using Network.Contracts.Moderation;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Messaging.Consumers;

/// <summary>
/// The members of the organisation responsible for the content (whichever service holds it) hear of
/// a coordinator's decision about it, with the reason. Content that belongs to no organisation has
/// nobody to tell.
/// </summary>
public sealed class ModerationDecisionRecordedConsumer(NpgsqlDataSource dataSource) : IdempotentConsumer<ModerationDecisionRecorded>(dataSource)
{
    protected override Task HandleAsync(ModerationDecisionRecorded message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        message.OwnerOrganisationId is not { } owner
            ? Task.CompletedTask
            : NotificationWriter.ToMembersAsync(
                new NotificationDraft(
                    NotificationType.ModerationDecision,
                    $"moderation:{message.Service}:{message.ContentType}:{message.ContentId}:{message.OccurredAt.UtcTicks}",
                    NotificationTexts.ModerationDecision(message.ContentType, message.Decision, message.Reason),
                    null),
                [owner],
                transaction,
                cancellationToken);
}
