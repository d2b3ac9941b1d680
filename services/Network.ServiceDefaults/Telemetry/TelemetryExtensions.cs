using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Network.ServiceDefaults.Telemetry;

public static class TelemetryExtensions
{
    /// <summary>
    /// Traces with the core SDK only: ASP.NET Core, HttpClient, MassTransit and Npgsql emit their
    /// own activities, and the SDK listens to them by source name (the instrumentation packages are
    /// not in our package copy, and are not needed). OTLP export is on when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set; the exporter reads the other OTEL_* variables itself.
    /// </summary>
    public static IServiceCollection AddServiceTelemetry(this IServiceCollection services, IConfiguration configuration, ServiceIdentity identity)
    {
        var exportToOtlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var telemetry = OpenTelemetrySdk.Create(builder => builder
            .ConfigureResource(resource => resource.AddService(identity.SourceName, serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithTracing(tracing =>
            {
                tracing.AddSource("Microsoft.AspNetCore", "System.Net.Http", "MassTransit", "Npgsql", identity.SourceName);
                if (exportToOtlp)
                {
                    tracing.AddOtlpExporter();
                }
            }));
        // Registered as a singleton so the host disposes it on shutdown, which flushes the last spans.
        services.AddSingleton(telemetry);
        return services;
    }
}
