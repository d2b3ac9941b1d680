using Network.Matching.Apis;
using Network.Matching.Consumers;
using Network.Matching.Data;
using Network.Matching.Moderation;
using Network.ServiceDefaults.Data;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.Moderation;
using Network.ServiceDefaults.PersonalData;
using Network.ServiceDefaults.Scheduling;

namespace Network.Matching;

/// <summary>
/// Matching: offers and partner requests, suggestions with their reasons, partnerships. It keeps
/// its own copy of the directory's organisations (from the directory's events), because whether
/// an organisation is verified decides whether its listings are listed.
/// </summary>
public static class MatchingService
{
    public const string Name = "matching";

    public static IHostApplicationBuilder AddMatchingServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase(typeof(MatchingService).Assembly);
        builder.AddServiceBus(bus =>
        {
            bus.AddConsumer<OrganisationRegisteredConsumer>();
            bus.AddConsumer<OrganisationProfileUpdatedConsumer>();
            bus.AddConsumer<OrganisationVerifiedConsumer>();
            bus.AddConsumer<OrganisationRejectedConsumer>();
            bus.AddConsumer<OrganisationSuspendedConsumer>();
            bus.AddConsumer<OrganisationReinstatedConsumer>();
            // Reports name their reporter (the moderation module's source): erasure must reach them.
            bus.AddPersonalDataErasure();
        });
        builder.Services.AddSingleton<ListingStore>();
        // One per instance: the codes of every listing, kept in step with the database (see the class).
        builder.Services.AddSingleton<CounterpartCatalogue>();
        builder.Services.AddSingleton<SuggestionStore>();
        builder.Services.AddSingleton<MatchingStatistics>();
        // Reminders a week ahead and expiry of listings; every five minutes is close enough for both.
        builder.Services.AddPeriodicJob<ListingExpiry>(builder.Configuration, "NETWORK_MATCHING_EXPIRY_INTERVAL_SECONDS", TimeSpan.FromMinutes(5));
        builder.Services.AddModerationTarget<ListingModerationTarget>();
        return builder;
    }

    public static WebApplication MapMatchingApi(this WebApplication app)
    {
        app.MapListingsApi();
        app.MapSuggestionsApi();
        app.MapPartnershipsApi();
        app.MapStatisticsApi();
        app.MapModerationApi();
        // Listings belong to organisations, not to people; what the service holds about a person is
        // the reports they made (the moderation module's source), and the export says so.
        app.MapPersonalDataExport();
        return app;
    }
}
