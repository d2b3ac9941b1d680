using Network.Contracts.Directory;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.Matching.Consumers;

/// <summary>Reinstating returns an organisation to verified (the directory's lifecycle), and its listings to the lists.</summary>
public sealed class OrganisationReinstatedConsumer(NpgsqlDataSource dataSource, SuggestionStore suggestions) : IdempotentConsumer<OrganisationReinstated>(dataSource)
{
    protected override Task HandleAsync(OrganisationReinstated message, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        suggestions.ChangeStandingAsync(message.OrganisationId, OrganisationStatus.Verified, message.OccurredAt, transaction, cancellationToken);
}
