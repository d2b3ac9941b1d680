using Network.Events.Apis;
using Network.Events.Certificates;
using Network.Events.Consumers;
using Network.Events.Data;
using Network.Events.Moderation;
using Network.Events.PersonalData;
using Network.Events.Reminders;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.PersonalData;
using Network.ServiceDefaults.Scheduling;

namespace Network.Events;

/// <summary>
/// Events: round tables, workshops and training series with places, waitlists, attendance and
/// certificates, calendars, reminders, feedback and round-table boards. It keeps its own copy of the
/// directory's organisation names, kinds and statuses (for certificates, statistics and who counts as a member of the network) from the directory's
/// events, and reminds registrants 48 hours before each session from a periodic job.
/// </summary>
public static class EventsService
{
    public const string Name = "events";

    public static IHostApplicationBuilder AddEventsServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(typeof(EventsService).Assembly);
        builder.AddServiceBus(bus =>
        {
            bus.AddConsumer<OrganisationRegisteredConsumer>();
            bus.AddConsumer<OrganisationProfileUpdatedConsumer>();
            bus.AddConsumer<OrganisationVerifiedConsumer>();
            bus.AddConsumer<OrganisationRejectedConsumer>();
            bus.AddConsumer<OrganisationSuspendedConsumer>();
            bus.AddConsumer<OrganisationReinstatedConsumer>();
            bus.AddPersonalDataErasure();
        });
        builder.Services.AddSingleton<EventViewers>();
        builder.Services.AddSingleton<EventStore>();
        builder.Services.AddSingleton<RegistrationStore>();
        builder.Services.AddSingleton<AttendanceStore>();
        builder.Services.AddSingleton<FeedbackStore>();
        builder.Services.AddSingleton<BoardStore>();
        builder.Services.AddSingleton<StatisticsStore>();
        builder.Services.AddSingleton<EventViews>();
        builder.Services.AddModerationTarget<EventModerationTarget>();
        builder.Services.AddModerationTarget<BoardPostModerationTarget>();
        builder.Services.AddPersonalDataSource<RegistrationPersonalData>();
        builder.Services.AddPersonalDataSource<FeedbackPersonalData>();
        builder.Services.AddPersonalDataSource<BoardPostPersonalData>();
        builder.Services.AddPeriodicJob<SessionReminderJob>(builder.Configuration, SessionReminderJob.IntervalSetting, SessionReminderJob.DefaultInterval);
        CertificateFonts.Install(builder.Configuration);
        return builder;
    }

    public static WebApplication MapEventsApi(this WebApplication app)
    {
        // Called on its class: as an extension it would be this very method, which takes a WebApplication.
        EventsApi.MapEventsApi(app);
        app.MapRegistrationsApi();
        app.MapAttendanceApi();
        app.MapCertificatesApi();
        app.MapCalendarApi();
        app.MapFeedbackApi();
        app.MapBoardsApi();
        app.MapStatisticsApi();
        app.MapModerationApi();
        app.MapPersonalDataExport();
        return app;
    }
}
