using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>A rejected organisation's listings stay held.</summary>
public sealed class OrganisationRejectedConsumer(NpgsqlDataSource dataSource, SuggestionStore suggestions) : IdempotentConsumer<OrganisationRejected>(dataSource)
{
    protected override Task HandleAsync(OrganisationRejected message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        suggestions.ChangeStandingAsync(message.OrganisationId, OrganisationStatus.Rejected, message.OccurredAt, transaction, cancellationToken);
}
