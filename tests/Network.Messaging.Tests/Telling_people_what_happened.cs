using Network.Contracts.Directory;
using Network.Contracts.Events;
using Network.Contracts.Matching;
using Network.Contracts.Moderation;
using Network.Messaging.Domain;
using Network.Messaging.Tests.Support;

namespace Network.Messaging.Tests;

/// <summary>Who gets which notification for each event the service consumes, through the real broker.</summary>
public sealed class Telling_people_what_happened(MessagingApiFactory api) : IClassFixture<MessagingApiFactory>
{
    [Fact]
    public async Task A_suggestion_reaches_the_members_of_both_organisations_each_from_their_side()
    {
        var (offerer, requester, bystander) = (await api.AccountAsync("de"), await api.AccountAsync("en"), await api.AccountAsync());
        var offering = await api.OrganisationAsync(members: offerer);
        var requesting = await api.OrganisationAsync(kind: "service_provider", members: requester);
        await api.OrganisationAsync(members: bystander);
        var suggestion = Suggestion(offering, requesting);

        await api.DeliverAsync(suggestion);

        var toOfferer = Assert.Single(await api.NotificationsOfAsync(offerer.Id));
        Assert.Equal(("match_suggested", "digest"), (toOfferer.Type, toOfferer.Delivery));
        Assert.Contains("Ihrem Angebot „Sprachmittlung für Elterngespräche“", toOfferer.Body);
        Assert.Contains("beide arbeiten in Lichtenberg", toOfferer.Body);
        var toRequester = Assert.Single(await api.NotificationsOfAsync(requester.Id));
        Assert.Contains("your request “Partner für mehrsprachige Elternabende”", toRequester.Body);
        Assert.Contains("both work in Lichtenberg", toRequester.Body);
        Assert.Empty(await api.NotificationsOfAsync(bystander.Id));
    }

    [Fact]
    public async Task The_same_event_delivered_twice_notifies_once()
    {
        var member = await api.AccountAsync();
        var offering = await api.OrganisationAsync(members: member);
        var suggestion = Suggestion(offering, Guid.NewGuid());
        var messageId = Guid.NewGuid();

        await api.DeliverAsync(suggestion, messageId);
        await api.DeliverAsync(suggestion, messageId);
        // The same event relayed twice under different message ids (a producer's retry) still notifies once.
        await api.DeliverAsync(suggestion);

        Assert.Single(await api.NotificationsOfAsync(member.Id));
    }

    [Fact]
    public async Task Someone_in_both_organisations_of_a_suggestion_is_told_once()
    {
        var both = await api.AccountAsync();
        var suggestion = Suggestion(await api.OrganisationAsync(members: both), await api.OrganisationAsync(members: both));

        await api.DeliverAsync(suggestion);

        Assert.Single(await api.NotificationsOfAsync(both.Id));
    }

    [Fact]
    public async Task Interest_is_told_to_the_other_side()
    {
        var (interested, other) = (await api.AccountAsync(), await api.AccountAsync());
        var interestedOrganisation = await api.OrganisationAsync(name: "Bezirksamt Lichtenberg", members: interested);
        var otherOrganisation = await api.OrganisationAsync(members: other);

        await api.DeliverAsync(new InterestExpressed
        {
            SuggestionId = Guid.NewGuid(),
            OrganisationId = interestedOrganisation,
            OtherOrganisationId = otherOrganisation,
            OccurredAt = DateTimeOffset.UtcNow,
        });

        Assert.Empty(await api.NotificationsOfAsync(interested.Id));
        var told = Assert.Single(await api.NotificationsOfAsync(other.Id));
        Assert.Equal("Bezirksamt Lichtenberg möchte mit Ihnen zusammenarbeiten", told.Title);
    }

    [Fact]
    public async Task A_decline_is_told_to_the_other_side_with_its_reason_and_other_closings_to_nobody()
    {
        var (decliner, other) = (await api.AccountAsync(), await api.AccountAsync());
        var declining = await api.OrganisationAsync(name: "Jugendamt Neukölln", kind: "service_provider", members: decliner);
        var offering = await api.OrganisationAsync(members: other);
        var suggestion = Suggestion(offering, declining);
        var closed = new SuggestionClosed
        {
            SuggestionId = suggestion.SuggestionId,
            OfferListingId = suggestion.OfferListingId,
            RequestListingId = suggestion.RequestListingId,
            OfferOrganisationId = offering,
            RequestOrganisationId = declining,
            OfferTitle = suggestion.OfferTitle,
            RequestTitle = suggestion.RequestTitle,
            Reason = "declined",
            DeclinedByOrganisationId = declining,
            DeclineReason = "Wir haben schon eine Partnerin.",
            OccurredAt = DateTimeOffset.UtcNow,
        };

        await api.DeliverAsync(closed);
        // `unavailable` stands for a hidden listing or a suspended organisation: which, is not the other side's business, so nobody hears of it.
        foreach (var reason in new[] { "expired", "withdrawn", "unavailable", "no_longer_fits" })
        {
            await api.DeliverAsync(closed with { SuggestionId = Guid.NewGuid(), Reason = reason, DeclinedByOrganisationId = null, DeclineReason = null });
        }

        var told = Assert.Single(await api.NotificationsOfAsync(other.Id));
        Assert.Equal("Jugendamt Neukölln hat abgelehnt", told.Title);
        Assert.Contains("„Sprachmittlung für Elterngespräche“ nicht zusammenarbeiten. Begründung: Wir haben schon eine Partnerin.", told.Body);
        Assert.Empty(await api.NotificationsOfAsync(decliner.Id));
    }

    [Fact]
    public async Task A_fitting_event_reaches_organisations_whose_topics_and_districts_fit_and_no_others()
    {
        var people = new Dictionary<string, TestAccount>();
        foreach (var who in new[] { "organiser", "fits", "city_wide", "other_topic", "other_district", "pending" })
        {
            people[who] = await api.AccountAsync();
        }

        var organiser = await api.OrganisationAsync(topics: ["education"], members: people["organiser"]);
        await api.OrganisationAsync(regions: ["berlin_lichtenberg"], topics: ["education", "health"], members: people["fits"]);
        await api.OrganisationAsync(regions: ["berlin"], topics: ["education"], members: people["city_wide"]);
        await api.OrganisationAsync(regions: ["berlin_lichtenberg"], topics: ["housing"], members: people["other_topic"]);
        await api.OrganisationAsync(regions: ["koeln_innenstadt"], topics: ["education"], members: people["other_district"]);
        await api.OrganisationAsync(topics: ["education"], status: OrganisationStatus.Pending, members: people["pending"]);
        var published = new EventPublished
        {
            EventId = Guid.NewGuid(),
            OrganiserOrganisationId = organiser,
            Kind = "workshop",
            Title = "Storytelling – Kreativität, Kollaboration & Vorstellungskraft",
            Topics = ["education"],
            Regions = ["berlin_lichtenberg"],
            FirstSessionStartsAt = new DateTimeOffset(2026, 7, 8, 8, 0, 0, TimeSpan.Zero),
            Visibility = "public",
            OccurredAt = DateTimeOffset.UtcNow,
        };

        await api.DeliverAsync(published);

        var key = $"event_published:{published.EventId}";
        var told = new List<string>();
        foreach (var (who, account) in people)
        {
            if ((await api.NotificationsOfAsync(account.Id)).Any(n => n.SourceKey == key))
            {
                told.Add(who);
            }
        }

        Assert.Equal(["fits", "city_wide"], told);
        var notification = (await api.NotificationsOfAsync(people["fits"].Id)).Single(n => n.SourceKey == key);
        Assert.Contains("Mittwoch, 8. Juli 2026, 10:00 Uhr (MESZ)", notification.Body);
        Assert.Equal("digest", notification.Delivery);
    }

    [Fact]
    public async Task A_registrant_hears_of_each_step_of_their_registration_in_their_language()
    {
        var (german, english) = (await api.AccountAsync("de"), await api.AccountAsync("en"));
        var eventId = Guid.NewGuid();
        const string title = "Vielfalts-Montag: Modul 2";
        var now = DateTimeOffset.UtcNow;

        await api.DeliverAsync(new RegistrationConfirmed { RegistrationId = Guid.NewGuid(), EventId = eventId, AccountId = german.Id, EventTitle = title, OccurredAt = now });
        await api.DeliverAsync(new RegistrationWaitlisted { RegistrationId = Guid.NewGuid(), EventId = eventId, AccountId = english.Id, EventTitle = title, WaitlistPosition = 3, OccurredAt = now });
        await api.DeliverAsync(new WaitlistPromoted { RegistrationId = Guid.NewGuid(), EventId = eventId, AccountId = english.Id, EventTitle = title, OccurredAt = now });
        await api.DeliverAsync(new RegistrationCancelled { RegistrationId = Guid.NewGuid(), EventId = eventId, AccountId = german.Id, EventTitle = title, OccurredAt = now });
        await api.DeliverAsync(new CertificateIssued
        {
            CertificateId = Guid.NewGuid(),
            CertificateNumber = "DR-2021-0042",
            EventId = eventId,
            RegistrationId = Guid.NewGuid(),
            AccountId = german.Id,
            EventTitle = title,
            OccurredAt = now,
        });

        Assert.Equal(
            [("registration_confirmed", "Anmeldung bestätigt: „Vielfalts-Montag: Modul 2“"), ("registration_cancelled", "Abgemeldet: „Vielfalts-Montag: Modul 2“"), ("certificate_issued", "Ihr Zertifikat für „Vielfalts-Montag: Modul 2“")],
            (await api.NotificationsOfAsync(german.Id)).Select(n => (n.Type, n.Title)));
        var englishOnes = await api.NotificationsOfAsync(english.Id);
        Assert.Equal(["registration_waitlisted", "waitlist_promoted"], englishOnes.Select(n => n.Type));
        Assert.Contains("You are number 3 on the waiting list", englishOnes[0].Body);
        Assert.Equal("A place for you: “Vielfalts-Montag: Modul 2”", englishOnes[1].Title);
    }

    [Fact]
    public async Task Registrants_hear_of_a_change_of_time_or_place_and_of_a_cancellation_but_not_of_other_edits()
    {
        var (registrant, other) = (await api.AccountAsync(), await api.AccountAsync());
        var eventId = Guid.NewGuid();

        await api.DeliverAsync(new EventUpdated { EventId = eventId, Title = "Runder Tisch", TimeOrPlaceChanged = false, RegistrantAccountIds = [registrant.Id], OccurredAt = DateTimeOffset.UtcNow });
        Assert.Empty(await api.NotificationsOfAsync(registrant.Id));

        await api.DeliverAsync(new EventUpdated { EventId = eventId, Title = "Runder Tisch", TimeOrPlaceChanged = true, RegistrantAccountIds = [registrant.Id], OccurredAt = DateTimeOffset.UtcNow });
        await api.DeliverAsync(new EventCancelled { EventId = eventId, Title = "Runder Tisch", Reason = "Die Referentin ist erkrankt.", RegistrantAccountIds = [registrant.Id], OccurredAt = DateTimeOffset.UtcNow });

        var told = await api.NotificationsOfAsync(registrant.Id);
        Assert.Equal(["event_changed", "event_cancelled"], told.Select(n => n.Type));
        Assert.Contains("Grund: Die Referentin ist erkrankt.", told[1].Body);
        Assert.Empty(await api.NotificationsOfAsync(other.Id));
    }

    [Fact]
    public async Task A_session_reminder_reaches_the_people_it_names()
    {
        var (first, second, third) = (await api.AccountAsync(), await api.AccountAsync("en"), await api.AccountAsync());

        await api.DeliverAsync(new SessionReminderDue
        {
            EventId = Guid.NewGuid(),
            SessionId = Guid.NewGuid(),
            EventTitle = "Vielfalts-Montag",
            SessionTitle = "Barrierefreie Kommunikation",
            StartsAt = new DateTimeOffset(2026, 12, 7, 8, 0, 0, TimeSpan.Zero),
            AccountIds = [first.Id, second.Id],
            OccurredAt = DateTimeOffset.UtcNow,
        });

        Assert.Contains("Montag, 7. Dezember 2026, 09:00 Uhr (MEZ)", Assert.Single(await api.NotificationsOfAsync(first.Id)).Body);
        Assert.Contains("Monday 7 December 2026, 09:00 (CET)", Assert.Single(await api.NotificationsOfAsync(second.Id)).Body);
        Assert.Empty(await api.NotificationsOfAsync(third.Id));
    }

    [Fact]
    public async Task The_creator_of_an_organisation_hears_of_its_verification_even_before_their_membership_arrives()
    {
        var creator = await api.AccountAsync();
        var organisationId = Guid.NewGuid();
        await api.DeliverAsync(new OrganisationRegistered
        {
            OrganisationId = organisationId,
            Name = "Integrationsbüro Dessau-Roßlau",
            Kind = "administration",
            Regions = ["dessau_rosslau"],
            Topics = ["diversity_in_personnel"],
            Languages = ["de"],
            TargetGroups = [],
            CreatedByAccountId = creator.Id,
            OccurredAt = DateTimeOffset.UtcNow.AddMinutes(-1),
        });

        await api.DeliverAsync(new OrganisationVerified { OrganisationId = organisationId, CoordinatorAccountId = Guid.NewGuid(), OccurredAt = DateTimeOffset.UtcNow });

        var told = Assert.Single(await api.NotificationsOfAsync(creator.Id));
        Assert.Equal(("organisation_status", "Integrationsbüro Dessau-Roßlau ist bestätigt", "email"), (told.Type, told.Title, told.Delivery));
    }

    [Fact]
    public async Task Members_hear_why_their_organisation_was_rejected_or_suspended()
    {
        var member = await api.AccountAsync("en");
        var organisationId = await api.OrganisationAsync(name: "Kiez-Initiative", status: OrganisationStatus.Pending, members: member);

        await api.DeliverAsync(new OrganisationRejected { OrganisationId = organisationId, CoordinatorAccountId = Guid.NewGuid(), Reason = "No address given.", OccurredAt = DateTimeOffset.UtcNow });
        await api.DeliverAsync(new OrganisationSuspended { OrganisationId = organisationId, Reason = "Misleading profile.", OccurredAt = DateTimeOffset.UtcNow });

        var told = await api.NotificationsOfAsync(member.Id);
        Assert.Equal(["Kiez-Initiative was not verified", "Kiez-Initiative is suspended"], told.Select(n => n.Title));
        Assert.Contains("Reason: No address given.", told[0].Body);
    }

    [Fact]
    public async Task Each_status_decision_is_told_once_in_each_members_language_with_a_link_to_the_organisation()
    {
        var (german, english) = (await api.AccountAsync("de"), await api.AccountAsync("en"));
        var organisationId = await api.OrganisationAsync(name: "Kiez-Initiative", status: OrganisationStatus.Pending, members: [german, english]);
        var at = DateTimeOffset.UtcNow.AddMinutes(1);
        var suspended = new OrganisationSuspended { OrganisationId = organisationId, Reason = "Irreführendes Profil.", OccurredAt = at.AddMinutes(2) };

        await api.DeliverAsync(new OrganisationRejected { OrganisationId = organisationId, CoordinatorAccountId = Guid.NewGuid(), Reason = "Keine Anschrift.", OccurredAt = at });
        await api.DeliverAsync(new OrganisationVerified { OrganisationId = organisationId, CoordinatorAccountId = Guid.NewGuid(), OccurredAt = at.AddMinutes(1) });
        await api.DeliverAsync(suspended);
        await api.DeliverAsync(suspended);
        await api.DeliverAsync(new OrganisationReinstated { OrganisationId = organisationId, OccurredAt = at.AddMinutes(3) });

        var toGerman = await api.NotificationsOfAsync(german.Id);
        Assert.Equal(
            ["Kiez-Initiative wurde nicht bestätigt", "Kiez-Initiative ist bestätigt", "Kiez-Initiative ist gesperrt", "Kiez-Initiative ist wieder freigeschaltet"],
            toGerman.Select(n => n.Title));
        Assert.Equal(
            ["organisation_rejected", "organisation_verified", "organisation_suspended", "organisation_reinstated"],
            toGerman.Select(n => n.SourceKey.Split(':')[0]));
        Assert.All(toGerman, n => Assert.Equal(("organisation_status", $"/organisationen/{organisationId}"), (n.Type, n.Link)));
        Assert.Contains("Grund: Irreführendes Profil.", toGerman[2].Body);
        Assert.Equal(
            ["Kiez-Initiative was not verified", "Kiez-Initiative is verified", "Kiez-Initiative is suspended", "Kiez-Initiative is reinstated"],
            (await api.NotificationsOfAsync(english.Id)).Select(n => n.Title));
    }

    [Fact]
    public async Task A_status_event_overtaken_by_a_later_one_tells_nobody_of_a_status_the_organisation_no_longer_has()
    {
        var member = await api.AccountAsync("en");
        var organisationId = await api.OrganisationAsync(name: "Kiez-Initiative", status: OrganisationStatus.Pending, members: member);
        var verifiedAt = DateTimeOffset.UtcNow.AddMinutes(1);

        // The suspension happened after the verification, but reaches messaging first.
        await api.DeliverAsync(new OrganisationSuspended { OrganisationId = organisationId, Reason = "Misleading profile.", OccurredAt = verifiedAt.AddMinutes(1) });
        await api.DeliverAsync(new OrganisationVerified { OrganisationId = organisationId, CoordinatorAccountId = Guid.NewGuid(), OccurredAt = verifiedAt });
        await api.DeliverAsync(new OrganisationReinstated { OrganisationId = organisationId, OccurredAt = verifiedAt.AddSeconds(30) });

        Assert.Equal(["Kiez-Initiative is suspended"], (await api.NotificationsOfAsync(member.Id)).Select(n => n.Title));
    }

    [Fact]
    public async Task The_owners_of_moderated_content_hear_the_decision_and_its_reason()
    {
        var (owner, reporter) = (await api.AccountAsync(), await api.AccountAsync());
        var owning = await api.OrganisationAsync(members: owner);

        await api.DeliverAsync(new ModerationDecisionRecorded
        {
            Service = "matching",
            ContentType = "listing",
            ContentId = Guid.NewGuid(),
            Decision = "hide",
            Reason = "Enthält private Telefonnummern.",
            CoordinatorAccountId = Guid.NewGuid(),
            OwnerOrganisationId = owning,
            OccurredAt = DateTimeOffset.UtcNow,
        });

        var told = Assert.Single(await api.NotificationsOfAsync(owner.Id));
        Assert.Equal("Ein Inserat Ihrer Organisation wurde ausgeblendet. Begründung: Enthält private Telefonnummern.", told.Body);
        Assert.Empty(await api.NotificationsOfAsync(reporter.Id));
    }

    [Fact]
    public async Task A_listing_about_to_expire_is_told_to_its_organisation()
    {
        var member = await api.AccountAsync();
        var organisationId = await api.OrganisationAsync(members: member);

        await api.DeliverAsync(new ListingExpiryApproaching
        {
            ListingId = Guid.NewGuid(),
            OrganisationId = organisationId,
            Title = "Hospitation im Bürgeramt",
            ValidUntil = new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero),
            OccurredAt = DateTimeOffset.UtcNow,
        });

        Assert.Contains("gilt bis 1. Dezember 2026", Assert.Single(await api.NotificationsOfAsync(member.Id)).Body);
    }

    [Fact]
    public async Task Someone_who_left_the_organisation_hears_nothing_more_of_it_even_when_the_events_arrive_out_of_order()
    {
        var leaver = await api.AccountAsync();
        var organisationId = await api.OrganisationAsync();
        var joinedAt = DateTimeOffset.UtcNow.AddMinutes(-5);

        await api.DeliverAsync(new MemberLeft { OrganisationId = organisationId, AccountId = leaver.Id, OccurredAt = joinedAt.AddMinutes(1) });
        await api.DeliverAsync(new MemberJoined { OrganisationId = organisationId, AccountId = leaver.Id, Role = "member", OccurredAt = joinedAt });
        await api.DeliverAsync(Suggestion(organisationId, Guid.NewGuid()));

        Assert.Empty(await api.NotificationsOfAsync(leaver.Id));
    }

    [Fact]
    public async Task Nobody_is_told_of_an_event_for_an_account_the_directory_never_announced()
    {
        var unknown = Guid.NewGuid();

        await api.DeliverAsync(new RegistrationConfirmed { RegistrationId = Guid.NewGuid(), EventId = Guid.NewGuid(), AccountId = unknown, EventTitle = "Runder Tisch", OccurredAt = DateTimeOffset.UtcNow });

        Assert.Empty(await api.NotificationsOfAsync(unknown));
    }

    internal static MatchSuggested Suggestion(Guid offering, Guid requesting) => new()
    {
        SuggestionId = Guid.NewGuid(),
        OfferListingId = Guid.NewGuid(),
        RequestListingId = Guid.NewGuid(),
        OfferOrganisationId = offering,
        RequestOrganisationId = requesting,
        OfferTitle = "Sprachmittlung für Elterngespräche",
        RequestTitle = "Partner für mehrsprachige Elternabende",
        Score = 0.8,
        Reasons = [new MatchReason { Code = "same_district", De = "beide arbeiten in Lichtenberg", En = "both work in Lichtenberg" }],
        OccurredAt = DateTimeOffset.UtcNow,
    };
}
