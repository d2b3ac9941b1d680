using System.Globalization;
using Network.Contracts.Matching;

namespace Network.Messaging.Domain;

/// <summary>A notification's words in both languages; each recipient gets the ones of their locale.</summary>
public sealed record NotificationText(string TitleDe, string BodyDe, string TitleEn, string BodyEn)
{
    public (string Title, string Body) In(string locale) => Locales.IsEnglish(locale) ? (TitleEn, BodyEn) : (TitleDe, BodyDe);
}

/// <summary>German unless the person chose English: the platform is German first.</summary>
public static class Locales
{
    public static bool IsEnglish(string? locale) => locale is not null && locale.StartsWith("en", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The words of each notification, in plain German and English. Times are shown as people in the
/// network read them: on the clock of Germany (Europe/Berlin), with the zone named.
/// </summary>
public static class NotificationTexts
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo Berlin = FindBerlin();

    public static (string Title, string Body) Welcome(string locale, string displayName) => new NotificationText(
        "Willkommen bei Network",
        $"Hallo {displayName}, Ihr Konto ist eingerichtet. Legen Sie das Profil Ihrer Organisation an oder treten Sie einer bestehenden Organisation bei.",
        "Welcome to Network",
        $"Hello {displayName}, your account is ready. Create your organisation's profile or join an existing one to get started.").In(locale);

    public static NotificationText MatchSuggested(string ownTitle, string otherTitle, bool ownIsOffer, IReadOnlyList<MatchReason> reasons)
    {
        var reasonsDe = reasons.Count == 0 ? string.Empty : " Warum: " + string.Join("; ", reasons.Select(r => r.De)) + ".";
        var reasonsEn = reasons.Count == 0 ? string.Empty : " Why: " + string.Join("; ", reasons.Select(r => r.En)) + ".";
        return new(
            $"Neuer Vorschlag: „{otherTitle}“",
            $"Zu {(ownIsOffer ? "Ihrem Angebot" : "Ihrer Anfrage")} „{ownTitle}“ passt „{otherTitle}“.{reasonsDe} Zeigen Sie Interesse, wenn Sie zusammenarbeiten möchten.",
            $"New suggestion: “{otherTitle}”",
            $"“{otherTitle}” fits your {(ownIsOffer ? "offer" : "request")} “{ownTitle}”.{reasonsEn} Express interest if you would like to work together.");
    }

    public static NotificationText InterestExpressed(string? organisationName) => new(
        $"{De(organisationName)} möchte mit Ihnen zusammenarbeiten",
        $"{De(organisationName)} hat Interesse an einem Vorschlag gezeigt, der Ihre Organisation betrifft. Zeigen Sie auch Interesse, dann entsteht eine Partnerschaft.",
        $"{En(organisationName)} would like to work with you",
        $"{En(organisationName)} expressed interest in a suggestion that concerns your organisation. Express interest too and a partnership is formed.");

    public static NotificationText SuggestionDeclined(string? organisationName, string ownTitle, string? reason) => new(
        $"{De(organisationName)} hat abgelehnt",
        $"{De(organisationName)} möchte beim Vorschlag zu „{ownTitle}“ nicht zusammenarbeiten.{(string.IsNullOrWhiteSpace(reason) ? string.Empty : $" Begründung: {reason}")}",
        $"{En(organisationName)} declined",
        $"{En(organisationName)} does not wish to work together on the suggestion for “{ownTitle}”.{(string.IsNullOrWhiteSpace(reason) ? string.Empty : $" Reason: {reason}")}");

    public static NotificationText PartnershipFormed(string? otherName, string offerTitle, string requestTitle) => new(
        $"Neue Partnerschaft mit {De(otherName, "einer Organisation")}",
        $"Beide Seiten haben Interesse gezeigt: „{offerTitle}“ und „{requestTitle}“. Für Ihre Organisationen ist ein gemeinsames Gespräch eröffnet.",
        $"New partnership with {En(otherName, "an organisation")}",
        $"Both sides expressed interest: “{offerTitle}” and “{requestTitle}”. A conversation between your organisations has been opened.");

    public static NotificationText ListingExpiring(string title, DateTimeOffset validUntil) => new(
        $"„{title}“ läuft bald ab",
        $"Ihr Inserat „{title}“ gilt bis {Date(validUntil, German)}. Verlängern Sie es, wenn es weiter gefunden werden soll.",
        $"“{title}” expires soon",
        $"Your listing “{title}” is valid until {Date(validUntil, English)}. Extend it if it should still be found.");

    public static NotificationText ListingExpired(string title) => new(
        $"„{title}“ ist abgelaufen",
        $"Ihr Inserat „{title}“ wird nicht mehr gefunden und nicht mehr vorgeschlagen. Sie können es verlängern.",
        $"“{title}” has expired",
        $"Your listing “{title}” is no longer found or suggested. You can extend it.");

    public static NotificationText EventPublished(string title, DateTimeOffset startsAt) => new(
        $"Eine Veranstaltung für Sie: „{title}“",
        $"„{title}“ passt zu den Themen und Bezirken Ihrer Organisation. Beginn: {DateTime(startsAt, German)}.",
        $"An event for you: “{title}”",
        $"“{title}” fits your organisation's topics and districts. Starts: {DateTime(startsAt, English)}.");

    public static NotificationText RegistrationConfirmed(string eventTitle) => new(
        $"Anmeldung bestätigt: „{eventTitle}“",
        $"Sie sind für „{eventTitle}“ angemeldet. Wir erinnern Sie vor dem Termin.",
        $"Registration confirmed: “{eventTitle}”",
        $"You are registered for “{eventTitle}”. We will remind you before it starts.");

    public static NotificationText RegistrationWaitlisted(string eventTitle, int position) => new(
        $"Warteliste: „{eventTitle}“",
        $"„{eventTitle}“ ist ausgebucht. Sie stehen auf Platz {position} der Warteliste und rücken nach, sobald ein Platz frei wird.",
        $"Waiting list: “{eventTitle}”",
        $"“{eventTitle}” is full. You are number {position} on the waiting list and will move up as soon as a place becomes free.");

    public static NotificationText WaitlistPromoted(string eventTitle) => new(
        $"Ein Platz für Sie: „{eventTitle}“",
        $"Ein Platz ist frei geworden: Sie sind jetzt für „{eventTitle}“ angemeldet. Wenn Sie nicht kommen können, melden Sie sich bitte ab.",
        $"A place for you: “{eventTitle}”",
        $"A place has become free: you are now registered for “{eventTitle}”. If you cannot come, please cancel your registration.");

    public static NotificationText RegistrationCancelled(string eventTitle) => new(
        $"Abgemeldet: „{eventTitle}“",
        $"Ihre Anmeldung für „{eventTitle}“ ist storniert.",
        $"Registration cancelled: “{eventTitle}”",
        $"Your registration for “{eventTitle}” has been cancelled.");

    public static NotificationText EventChanged(string eventTitle) => new(
        $"Geändert: „{eventTitle}“",
        $"Zeit oder Ort von „{eventTitle}“ haben sich geändert. Bitte sehen Sie sich die neuen Angaben an.",
        $"Changed: “{eventTitle}”",
        $"The time or place of “{eventTitle}” has changed. Please check the new details.");

    public static NotificationText EventCancelled(string eventTitle, string reason) => new(
        $"Abgesagt: „{eventTitle}“",
        $"„{eventTitle}“ findet nicht statt. Grund: {reason}",
        $"Cancelled: “{eventTitle}”",
        $"“{eventTitle}” will not take place. Reason: {reason}");

    public static NotificationText SessionReminder(string eventTitle, string sessionTitle, DateTimeOffset startsAt) => new(
        $"Erinnerung: „{sessionTitle}“",
        $"„{sessionTitle}“ ({eventTitle}) beginnt am {DateTime(startsAt, German)}.",
        $"Reminder: “{sessionTitle}”",
        $"“{sessionTitle}” ({eventTitle}) starts on {DateTime(startsAt, English)}.");

    public static NotificationText CertificateIssued(string eventTitle, string number) => new(
        $"Ihr Zertifikat für „{eventTitle}“",
        $"Sie haben genug Termine von „{eventTitle}“ besucht. Ihr Zertifikat (Nummer {number}) steht zum Herunterladen bereit.",
        $"Your certificate for “{eventTitle}”",
        $"You attended enough sessions of “{eventTitle}”. Your certificate (number {number}) is ready to download.");

    public static NotificationText OrganisationVerified(string? name) => new(
        $"{De(name, "Ihre Organisation")} ist bestätigt",
        $"Die Koordination hat {De(name, "Ihre Organisation")} bestätigt. Das Profil, die Angebote und Anfragen Ihrer Organisation sind jetzt für alle sichtbar.",
        $"{En(name, "Your organisation")} is verified",
        $"The coordinators verified {En(name, "your organisation")}. Your organisation's profile, offers and requests are now visible to everyone.");

    public static NotificationText OrganisationRejected(string? name, string reason) => new(
        $"{De(name, "Ihre Organisation")} wurde nicht bestätigt",
        $"Die Koordination hat {De(name, "Ihre Organisation")} nicht bestätigt. Grund: {reason}",
        $"{En(name, "Your organisation")} was not verified",
        $"The coordinators did not verify {En(name, "your organisation")}. Reason: {reason}");

    public static NotificationText OrganisationSuspended(string? name, string reason) => new(
        $"{De(name, "Ihre Organisation")} ist gesperrt",
        $"Die Koordination hat {De(name, "Ihre Organisation")} vorübergehend gesperrt. Grund: {reason}",
        $"{En(name, "Your organisation")} is suspended",
        $"The coordinators suspended {En(name, "your organisation")} for now. Reason: {reason}");

    public static NotificationText OrganisationReinstated(string? name) => new(
        $"{De(name, "Ihre Organisation")} ist wieder freigeschaltet",
        $"Die Sperre von {De(name, "Ihrer Organisation")} ist aufgehoben.",
        $"{En(name, "Your organisation")} is reinstated",
        $"The suspension of {En(name, "your organisation")} has been lifted.");

    public static NotificationText ModerationDecision(string contentType, string decision, string reason)
    {
        var (whatDe, whatEn) = contentType switch
        {
            "organisation" => ("Das Profil Ihrer Organisation", "Your organisation's profile"),
            "listing" => ("Ein Inserat Ihrer Organisation", "A listing of your organisation"),
            "event" => ("Eine Veranstaltung Ihrer Organisation", "An event of your organisation"),
            "message" => ("Eine Nachricht Ihrer Organisation", "A message of your organisation"),
            _ => ("Ein Beitrag Ihrer Organisation", "Content of your organisation"),
        };
        var (doneDe, doneEn) = decision switch
        {
            "approve" => ("wurde geprüft und bleibt sichtbar", "was reviewed and stays visible"),
            "hide" => ("wurde ausgeblendet", "was hidden"),
            "restore" => ("ist wieder sichtbar", "is visible again"),
            "reject" => ("wurde endgültig abgelehnt", "was rejected for good"),
            _ => ("wurde von der Moderation bearbeitet", "was handled by the moderators"),
        };
        return new(
            "Entscheidung der Moderation",
            $"{whatDe} {doneDe}. Begründung: {reason}",
            "Moderation decision",
            $"{whatEn} {doneEn}. Reason: {reason}");
    }

    /// <summary>The coordinator's own words, in the language they wrote them.</summary>
    public static NotificationText Announcement(string title, string body) => new(title, body, title, body);

    public static NotificationText ConversationStarted(string? fromName, string subject) => new(
        $"Neue Nachricht von {De(fromName, "einer Organisation")}",
        $"{De(fromName)} hat Ihrer Organisation geschrieben: „{subject}“.",
        $"New message from {En(fromName, "an organisation")}",
        $"{En(fromName)} wrote to your organisation: “{subject}”.");

    public static NotificationText MessageReceived(string? fromName, string subject, string text)
    {
        var excerpt = Excerpt(text);
        return new(
            $"Antwort von {De(fromName, "einer Organisation")}: „{subject}“",
            excerpt,
            $"Reply from {En(fromName, "an organisation")}: “{subject}”",
            excerpt);
    }

    /// <summary>What a reply's notification says instead of its start once the moderators have hidden it.</summary>
    public const string HiddenMessageDe = "Diese Nachricht wurde von der Moderation ausgeblendet.";

    public const string HiddenMessageEn = "This message was hidden by the moderators.";

    /// <summary>The start of a message, enough to know what it is about; the rest is in the conversation.</summary>
    public static string Excerpt(string text, int length = 200)
    {
        var flat = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= length ? flat : flat[..length].TrimEnd() + "…";
    }

    private static string De(string? name, string fallback = "Eine Organisation") => string.IsNullOrEmpty(name) ? fallback : name;

    private static string En(string? name, string fallback = "An organisation") => string.IsNullOrEmpty(name) ? fallback : name;

    private static string Date(DateTimeOffset at, CultureInfo culture) =>
        TimeZoneInfo.ConvertTime(at, Berlin).ToString(culture.Name == "de-DE" ? "d. MMMM yyyy" : "d MMMM yyyy", culture);

    private static string DateTime(DateTimeOffset at, CultureInfo culture)
    {
        var local = TimeZoneInfo.ConvertTime(at, Berlin);
        var zone = Berlin.IsDaylightSavingTime(local) ? "MESZ" : "MEZ";
        var zoneEn = Berlin.IsDaylightSavingTime(local) ? "CEST" : "CET";
        return culture.Name == "de-DE"
            ? local.ToString("dddd, d. MMMM yyyy, HH:mm", culture) + $" Uhr ({zone})"
            : local.ToString("dddd d MMMM yyyy, HH:mm", culture) + $" ({zoneEn})";
    }

    // Debian images carry tzdata; without it the texts fall back to UTC rather than fail.
    private static TimeZoneInfo FindBerlin() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc;
}
