using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Network.ServiceDefaults.Health;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;
using Network.ServiceDefaults.Telemetry;

namespace Network.ServiceDefaults;

public static class ServiceDefaultsExtensions
{
    public const string MaxRequestBodyBytes = "NETWORK_MAX_REQUEST_BODY_BYTES";
    public const long DefaultMaxRequestBodyBytes = 1024 * 1024;

    /// <summary>
    /// What every service and the gateway share: its identity and traces, problem details for every
    /// error, the API's JSON rules, health checks, an OpenAPI document, bearer-token validation and
    /// a request body limit. The database and the bus are added separately, by those that have them.
    /// </summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        var identity = new ServiceIdentity(serviceName);
        builder.Services.AddSingleton(identity);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddServiceTelemetry(builder.Configuration, identity);

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Binding failures become exceptions, so ProblemExceptionHandler can name the field at fault.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options => JsonDefaults.Apply(options.SerializerOptions));

        var maxBody = long.TryParse(builder.Configuration[MaxRequestBodyBytes], out var configured) ? configured : DefaultMaxRequestBodyBytes;
        builder.Services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = maxBody);

        builder.Services.AddHealthChecks();
        builder.Services.AddOpenApi();
        builder.Services.AddTokenValidation(builder.Configuration);
        return builder;
    }

    /// <summary>The middleware and endpoints every service shares, in the order they must run.</summary>
    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            TraceResponse.AddHeaderOnStart(context);
            return next(context);
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealthEndpoints();
        app.MapOpenApi();
        return app;
    }

    internal static ServiceIdentity Identity(this IServiceCollection services) =>
        services.LastOrDefault(d => d.ServiceType == typeof(ServiceIdentity))?.ImplementationInstance as ServiceIdentity
        ?? throw new InvalidOperationException("Call AddServiceDefaults(serviceName) first.");
}
