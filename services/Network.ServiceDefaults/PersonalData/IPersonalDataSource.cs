using Npgsql;

namespace Network.ServiceDefaults.PersonalData;

/// <summary>
/// One kind of data a service holds about a person (their account copy, their notifications...).
/// Each service registers one per kind; together they answer the person's export and carry out
/// their erasure, so a new table with personal data is covered by adding a source beside it.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>The section's name in the export, e.g. `notifications`.</summary>
    string Section { get; }

    /// <summary>Everything of this kind about the account, as plain data (serialised to JSON); null when there is none.</summary>
    Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken);

    /// <summary>Removes or anonymises it, inside the erasure's transaction.</summary>
    Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken);
}
