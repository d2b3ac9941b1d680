using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;

namespace Network.Matching;

/// <summary>
/// Matching: offers and partner requests, suggestions with their reasons, partnerships.
/// For now the service runs with its database, outbox and bus; its resources come with its own issue.
/// </summary>
public static class MatchingService
{
    public const string Name = "matching";

    public static IHostApplicationBuilder AddMatchingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(typeof(MatchingService).Assembly);
        builder.AddServiceBus();
        return builder;
    }

    public static WebApplication MapMatchingApi(this WebApplication app) => app;
}
