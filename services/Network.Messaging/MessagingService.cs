using Network.Messaging.Apis;
using Network.Messaging.Consumers;
using Network.Messaging.Data;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.PersonalData;

namespace Network.Messaging;

/// <summary>
/// Messaging: notifications (in-app now; e-mail and digests follow), conversations between
/// organisations, coordinators' announcements. It keeps its own copy of the accounts it
/// writes to, built from the directory's events.
/// </summary>
public static class MessagingService
{
    public const string Name = "messaging";

    public static IHostApplicationBuilder AddMessagingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(typeof(MessagingService).Assembly);
        builder.AddServiceBus(bus =>
        {
            bus.AddConsumer<AccountRegisteredConsumer>();
            bus.AddPersonalDataErasure();
        });
        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddPersonalDataSource<AccountCopyPersonalData>();
        builder.Services.AddPersonalDataSource<NotificationsPersonalData>();
        return builder;
    }

    public static WebApplication MapMessagingApi(this WebApplication app)
    {
        app.MapNotificationsApi();
        app.MapPersonalDataExport();
        return app;
    }
}
