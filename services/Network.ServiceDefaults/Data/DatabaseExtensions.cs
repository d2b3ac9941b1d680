using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Network.ServiceDefaults.Health;
using Npgsql;

namespace Network.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The service's own PostgreSQL database (NETWORK_DATABASE, by default `network_{service}` on
    /// localhost): one pooled data source, the migrations of <paramref name="migrations"/> applied
    /// at start-up after the shared outbox and inbox tables, and a readiness check.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDatabase(this IHostApplicationBuilder builder, Assembly migrations)
    {
        var identity = builder.Services.Identity();
        var connectionString = builder.Configuration.DatabaseConnectionString(identity.Name);
        Dapper.DefaultTypeMap.MatchNamesWithUnderscores = true;

        builder.Services.AddSingleton(services => new NpgsqlDataSourceBuilder(connectionString)
            .UseLoggerFactory(services.GetRequiredService<ILoggerFactory>())
            .Build());
        builder.Services.AddSingleton(services => new DatabaseMigrator(
            services.GetRequiredService<NpgsqlDataSource>(),
            [typeof(DatabaseExtensions).Assembly, migrations],
            services.GetRequiredService<ILogger<DatabaseMigrator>>()));
        // Registered before the bus, so migrations run before any consumer or the outbox starts.
        builder.Services.AddHostedService<DatabaseStartup>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        return builder;
    }
}
