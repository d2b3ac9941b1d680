using Dapper;
using Network.Contracts.Directory;
using Network.ServiceDefaults.Messaging;
using Npgsql;

namespace Network.ServiceDefaults.Tests.Support;

/// <summary>What <see cref="WelcomingConsumer"/> does after its change and before the commit, by call (1 = first).</summary>
public sealed class HandlerScript
{
    private int calls;

    public int Calls => Volatile.Read(ref calls);

    public Func<int, Task> BeforeCommit { get; set; } = _ => Task.CompletedTask;

    public Task RunAsync() => BeforeCommit(Interlocked.Increment(ref calls));
}

public sealed class WelcomingConsumer(NpgsqlDataSource dataSource, HandlerScript script) : IdempotentConsumer<AccountRegistered>(dataSource)
{
    protected override async Task HandleAsync(AccountRegistered message, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO consumer_effects (account_id) VALUES (@AccountId)",
            new { message.AccountId },
            transaction,
            cancellationToken: cancellationToken));
        await script.RunAsync();
    }
}
