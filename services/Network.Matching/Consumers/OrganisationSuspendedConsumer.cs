using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>A suspended organisation's listings are held again: out of search for everyone but its members, their open suggestions closed.</summary>
public sealed class OrganisationSuspendedConsumer(NpgsqlDataSource dataSource, SuggestionStore suggestions) : IdempotentConsumer<OrganisationSuspended>(dataSource)
{
    protected override Task HandleAsync(OrganisationSuspended message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        suggestions.ChangeStandingAsync(message.OrganisationId, OrganisationStatus.Suspended, message.OccurredAt, transaction, cancellationToken);
}
