using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.PersonalData;

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

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        // It holds nothing about people yet; the export still answers, so the directory's
        // collection is complete, and says so.
        app.MapPersonalDataExport();
        return app;
    }
}
