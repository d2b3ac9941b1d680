using Network.Messaging.Domain;

namespace Network.Messaging.Tests.Rules;

public sealed class Who_hears_of_what_rules
{
    private static readonly Guid Organiser = Guid.NewGuid();

    private static OrganisationProfile Organisation(
        string kind = "mso", string[]? regions = null, string[]? topics = null, OrganisationStatus status = OrganisationStatus.Verified) =>
        new(Guid.NewGuid(), "Verein", kind, status, regions ?? ["berlin_lichtenberg"], topics ?? ["education"], FirstContact.VerifiedOrganisations);

    [Theory]
    [InlineData(new[] { "berlin_lichtenberg" }, true)]
    [InlineData(new[] { "berlin" }, true)]
    [InlineData(new[] { "nationwide" }, true)]
    [InlineData(new[] { "berlin_mitte" }, false)]
    [InlineData(new[] { "koeln" }, false)]
    public void An_event_in_a_district_fits_organisations_there_city_wide_and_nationwide(string[] organisationRegions, bool fits) =>
        Assert.Equal(fits, EventFit.Fits(Organisation(regions: organisationRegions), Organiser, ["education"], ["berlin_lichtenberg"]));

    [Fact]
    public void An_online_event_fits_by_topic_wherever_the_organisation_works() =>
        Assert.True(EventFit.Fits(Organisation(regions: ["koeln_innenstadt"]), Organiser, ["education"], ["online"]));

    [Fact]
    public void An_event_fits_neither_its_organiser_nor_other_topics_nor_unverified_organisations()
    {
        var organiser = Organisation();
        Assert.False(EventFit.Fits(organiser, organiser.Id, ["education"], ["berlin_lichtenberg"]));
        Assert.False(EventFit.Fits(Organisation(topics: ["housing"]), Organiser, ["education"], ["berlin_lichtenberg"]));
        Assert.False(EventFit.Fits(Organisation(status: OrganisationStatus.Suspended), Organiser, ["education"], ["berlin_lichtenberg"]));
    }

    [Fact]
    public void An_empty_audience_is_the_whole_verified_network()
    {
        var everyone = new AnnouncementAudience([], [], []);

        Assert.True(everyone.Includes(Organisation(kind: "administration", regions: ["dessau_rosslau"])));
        Assert.False(everyone.Includes(Organisation(status: OrganisationStatus.Pending)));
    }

    [Fact]
    public void Each_chosen_list_narrows_the_audience()
    {
        var audience = new AnnouncementAudience(["mso", "coordination"], ["berlin"], ["empowerment", "health"]);

        Assert.True(audience.Includes(Organisation(kind: "mso", regions: ["berlin_neukoelln"], topics: ["health"])));
        Assert.False(audience.Includes(Organisation(kind: "service_provider", regions: ["berlin_neukoelln"], topics: ["health"])));
        Assert.False(audience.Includes(Organisation(kind: "mso", regions: ["koeln"], topics: ["health"])));
        Assert.False(audience.Includes(Organisation(kind: "mso", regions: ["berlin_neukoelln"], topics: ["housing"])));
    }

    [Fact]
    public void Defaults_mail_what_concerns_oneself_and_keep_what_comes_in_numbers_for_the_digest()
    {
        Assert.Equal(
            [NotificationType.MatchSuggested, NotificationType.EventPublished, NotificationType.Announcement],
            Enum.GetValues<NotificationType>().Where(type => NotificationDefaults.For(type) == Delivery.Digest));
        Assert.Equal(Delivery.Email, NotificationDefaults.For(NotificationType.WaitlistPromoted));
        Assert.Equal(Delivery.InApp, NotificationDefaults.For(NotificationType.MessageReceived));
        Assert.DoesNotContain(Enum.GetValues<NotificationType>(), type => NotificationDefaults.For(type) == Delivery.Off);
    }
}
