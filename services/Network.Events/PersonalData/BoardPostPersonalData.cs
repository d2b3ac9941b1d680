using Dapper;
using Network.ServiceDefaults.PersonalData;
using Npgsql;

namespace Network.Events.PersonalData;

/// <summary>Board posts the person wrote under their name. Erasure keeps the posts (the round table's record) without their author.</summary>
internal sealed class BoardPostPersonalData : IPersonalDataSource
{
    public string Section => "boardPosts";

    public async Task<object?> ExportAsync(Guid accountId, NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var rows = (await connection.QueryAsync<(Guid Id, Guid EventId, string Text, DateTime CreatedAt)>(new CommandDefinition(
            "SELECT id, event_id, text, created_at FROM board_posts WHERE author_account_id = @accountId ORDER BY created_at, id",
            new { accountId },
            cancellationToken: cancellationToken))).ToList();
        return rows.Count == 0 ? null : rows.Select(row => new { row.Id, row.EventId, row.Text, row.CreatedAt }).ToList();
    }

    public Task EraseAsync(Guid accountId, NpgsqlTransaction transaction, CancellationToken cancellationToken) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE board_posts SET author_account_id = NULL, anonymous = true WHERE author_account_id = @accountId",
            new { accountId },
            transaction,
            cancellationToken: cancellationToken));
}
