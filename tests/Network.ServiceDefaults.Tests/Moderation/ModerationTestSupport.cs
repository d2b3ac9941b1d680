using System.Security.Claims;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Network.ServiceDefaults.Moderation;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Moderation;

internal static class ModerationTestSupport
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    public static ModerationStore NewStore(NpgsqlDataSource dataSource, TimeProvider? clock = null) =>
        new(dataSource, new ServiceIdentity("tests"), clock ?? new SteppingClock(Start), NullLogger<ModerationStore>.Instance);

    public static ClaimsPrincipal Person(Guid accountId, bool coordinator = false)
    {
        var claims = new List<Claim> { new("sub", accountId.ToString()) };
        if (coordinator)
        {
            claims.Add(new Claim("role", "coordinator"));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, "test", "sub", "role"));
    }

    public static async Task<IReadOnlyList<(string MessageType, string Body)>> OutboxAboutAsync(this NpgsqlDataSource dataSource, Guid contentId)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        var rows = await connection.QueryAsync<(string, string)>(
            "SELECT message_type, body::text FROM outbox_messages WHERE body->>'contentId' = @id ORDER BY created_at, id",
            new { id = contentId.ToString() });
        return rows.ToList();
    }

    public static async Task<long> CountAsync(this NpgsqlDataSource dataSource, string sql, object parameters)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }
}
