using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.ServiceDefaults.PersonalData;

/// <summary>Erases this service's part of a person, every source in one transaction, once.</summary>
public sealed class PersonalDataErasureConsumer(NpgsqlDataSource dataSource, IEnumerable<IPersonalDataSource> sources)
    : IdempotentConsumer<PersonalDataErasureRequested>(dataSource)
{
    protected override async Task HandleAsync(PersonalDataErasureRequested message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            await source.EraseAsync(message.AccountId, transaction, cancellationToken);
        }

        await Outbox.ForgetAsync(message.AccountId, transaction, cancellationToken);
    }
}
