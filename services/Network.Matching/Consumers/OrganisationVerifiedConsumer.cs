using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>A verified organisation's listings are listed and matched.</summary>
public sealed class OrganisationVerifiedConsumer(NpgsqlDataSource dataSource, SuggestionStore suggestions) : IdempotentConsumer<OrganisationVerified>(dataSource)
{
    protected override Task HandleAsync(OrganisationVerified message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        suggestions.ChangeStandingAsync(message.OrganisationId, OrganisationStatus.Verified, message.OccurredAt, transaction, cancellationToken);
}
