using Dapper;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.Events.PersonalData;

/// <summary>Feedback the person gave under their name (anonymous feedback holds no account, so it is nobody's). Erasure makes it anonymous.</summary>
internal sealed class FeedbackPersonalData : IPersonalDataSource
{
    public string Section => "feedback";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(Guid Id, Guid EventId, int Rating, string? Text, DateTime CreatedAt)>(new CommandDefinition(
            "SELECT id, event_id, rating, text, created_at FROM feedback WHERE account_id = @accountId ORDER BY created_at, id",
            new { accountId },
            cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0 ? null : rows.Select(row => new { row.Id, row.EventId, row.Rating, row.Text, row.CreatedAt }).ToList();
    }

    public Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE feedback SET account_id = NULL, anonymous = true WHERE account_id = @accountId",
            new { accountId },
            transaction,
            cancellationToken: cancellationToken));
}
