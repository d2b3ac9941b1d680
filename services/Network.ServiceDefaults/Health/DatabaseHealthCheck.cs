using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Network.ServiceDefaults.Health;

/// <summary>Ready only when the service's own database answers and its migrations have run.</summary>
internal sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource, Data.DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!migrator.Completed)
        {
            return HealthCheckResult.Unhealthy("migrations have not run yet");
        }

        try
        {
            await using var command = dataSource.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy("database answers");
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("database does not answer: " + exception.Message);
        }
    }
}
