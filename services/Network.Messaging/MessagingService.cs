using Network.Messaging.Apis;
using Network.Messaging.Background;
using Network.Messaging.Consumers;
using Network.Messaging.Data;
using Network.Messaging.Moderation;
using Network.Messaging.Realtime;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Mail;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.PersonalData;
using Network.ServiceDefaults.Scheduling;

namespace Network.Messaging;

/// <summary>
/// Messaging: notifications (in-app, e-mail, daily digest, live stream), conversations between
/// organisations, coordinators' announcements. It keeps its own copy of the accounts,
/// organisations and memberships it writes to, built from the directory's events.
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
            bus.AddConsumer<AccountEmailConfirmedConsumer>();
            bus.AddConsumer<OrganisationRegisteredConsumer>();
            bus.AddConsumer<OrganisationProfileUpdatedConsumer>();
            bus.AddConsumer<OrganisationVerifiedConsumer>();
            bus.AddConsumer<OrganisationRejectedConsumer>();
            bus.AddConsumer<OrganisationSuspendedConsumer>();
            bus.AddConsumer<OrganisationReinstatedConsumer>();
            bus.AddConsumer<MemberJoinedConsumer>();
            bus.AddConsumer<MemberLeftConsumer>();
            bus.AddConsumer<MemberRoleChangedConsumer>();
            bus.AddConsumer<MatchSuggestedConsumer>();
            bus.AddConsumer<InterestExpressedConsumer>();
            bus.AddConsumer<SuggestionClosedConsumer>();
            bus.AddConsumer<PartnershipFormedConsumer>();
            bus.AddConsumer<ListingExpiryApproachingConsumer>();
            bus.AddConsumer<ListingExpiredConsumer>();
            bus.AddConsumer<EventPublishedConsumer>();
            bus.AddConsumer<EventUpdatedConsumer>();
            bus.AddConsumer<EventCancelledConsumer>();
            bus.AddConsumer<RegistrationConfirmedConsumer>();
            bus.AddConsumer<RegistrationWaitlistedConsumer>();
            bus.AddConsumer<WaitlistPromotedConsumer>();
            bus.AddConsumer<RegistrationCancelledConsumer>();
            bus.AddConsumer<CertificateIssuedConsumer>();
            bus.AddConsumer<SessionReminderDueConsumer>();
            bus.AddConsumer<ModerationDecisionRecordedConsumer>();
            bus.AddPersonalDataErasure();
        });
        builder.AddMail();

        builder.Services.AddSingleton<NotificationStore>();
        builder.Services.AddSingleton<PreferenceStore>();
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<AnnouncementStore>();

        // One LISTEN connection per instance; the stream and the workers subscribe to it.
        builder.Services.AddSingleton<DatabaseListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseListener>());
        builder.Services.AddSingleton<StreamHub>();
        builder.Services.AddHostedService(services => services.GetRequiredService<StreamHub>());
        builder.Services.AddSingleton<NotificationMailer>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NotificationMailer>());
        builder.Services.AddPeriodicJob<DigestSender>(builder.Configuration, DigestSender.IntervalSetting, DigestSender.DefaultInterval);
        builder.Services.AddSingleton<AnnouncementFanOut>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AnnouncementFanOut>());

        builder.Services.AddModerationTarget<MessageModerationTarget>();
        builder.Services.AddPersonalDataSource<AccountCopyPersonalData>();
        builder.Services.AddPersonalDataSource<NotificationsPersonalData>();
        builder.Services.AddPersonalDataSource<PreferencesPersonalData>();
        builder.Services.AddPersonalDataSource<MembershipsPersonalData>();
        builder.Services.AddPersonalDataSource<AuthoredPersonalData>();
        return builder;
    }

    public static WebApplication MapMessagingApi(this WebApplication app)
    {
        app.MapNotificationsApi();
        app.MapPreferencesApi();
        app.MapConversationsApi();
        app.MapOrganisationSettingsApi();
        app.MapAnnouncementsApi();
        app.MapStreamApi();
        app.MapModerationApi();
        app.MapPersonalDataExport();
        return app;
    }
}
