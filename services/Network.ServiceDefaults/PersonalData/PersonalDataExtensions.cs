using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.ServiceDefaults.PersonalData;

/// <summary>What one service holds about one person: its sections, by name.</summary>
public sealed record PersonalDataExport(string Service, DateTimeOffset ExportedAt, IReadOnlyDictionary<string, object?> Sections);

public static class PersonalDataExtensions
{
    public static IServiceCollection AddPersonalDataSource<TSource>(this IServiceCollection services)
        where TSource : class, IPersonalDataSource =>
        services.AddSingleton<IPersonalDataSource, TSource>();

    /// <summary>The consumer that erases this service's part when the directory erases an account.</summary>
    public static void AddPersonalDataErasure(this IBusRegistrationConfigurator bus) => bus.AddConsumer<PersonalDataErasureConsumer>();

    /// <summary>
    /// `GET /api/{service}/me/export`: what this service holds about the caller. The directory
    /// gathers these from every service into the one document a person downloads.
    /// </summary>
    public static IEndpointRouteBuilder MapPersonalDataExport(this IEndpointRouteBuilder endpoints)
    {
        var service = endpoints.ServiceProvider.GetRequiredService<ServiceIdentity>().Name;
        endpoints.MapGet($"/api/{service}/me/export", HandleExportAsync).RequireAuthorization().WithTags("Personal data");
        return endpoints;
    }

    public static async Task<PersonalDataExport> CollectAsync(
        Guid accountId, IEnumerable<IPersonalDataSource> sources, NpgsqlDataSource dataSource, ServiceIdentity identity, TimeProvider time, CancellationToken cancellationToken)
    {
        var sections = new Dictionary<string, object?>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        foreach (var source in sources)
        {
            sections[source.Section] = await source.ExportAsync(accountId, connection, cancellationToken);
        }

        return new PersonalDataExport(identity.Name, time.GetUtcNow(), sections);
    }

    private static async Task<Results<Ok<PersonalDataExport>, UnauthorizedHttpResult>> HandleExportAsync(
        HttpContext context, IServiceProvider services, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            return TypedResults.Unauthorized();
        }

        var sources = services.GetServices<IPersonalDataSource>();
        // A service that holds no personal data has no database to ask.
        var export = sources.Any()
            ? await CollectAsync(accountId, sources, services.GetRequiredService<NpgsqlDataSource>(), services.GetRequiredService<ServiceIdentity>(), services.GetRequiredService<TimeProvider>(), cancellationToken)
            : new PersonalDataExport(services.GetRequiredService<ServiceIdentity>().Name, services.GetRequiredService<TimeProvider>().GetUtcNow(), new Dictionary<string, object?>());
        return TypedResults.Ok(export);
    }
}
