using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.PersonalData;

namespace Network.Events;

/// <summary>
/// Events: round tables, workshops and training series with places, waitlists, attendance and
/// certificates. For now the service runs with its database, outbox and bus; its resources come
/// with its own issue.
/// </summary>
public static class EventsService
{
    public const string Name = "events";

    public static IHostApplicationBuilder AddEventsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(typeof(EventsService).Assembly);
        builder.AddServiceBus();
        return builder;
    }

    public static WebApplication MapEventsApi(this WebApplication app)
    {
        // It holds nothing about people yet; the export still answers, so the directory's
        // collection is complete, and says so.
        app.MapPersonalDataExport();
        return app;
    }
}
