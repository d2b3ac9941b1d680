using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Network.Web.Texts;

namespace Network.Web.Tests;

public sealed class ApiMessagesTests
{
    [Theory]
    [InlineData("A session must end after it starts.", "Ein Termin muss nach seinem Beginn enden.")]
    [InlineData("This is not an e-mail address.", "Das ist keine gültige E-Mail-Adresse.")]
    [InlineData("Choose 'de' or 'en'.", "Bitte wählen Sie „de“ oder „en“.")]
    [InlineData("The password needs at least 12 characters.", "Das Passwort braucht mindestens 12 Zeichen.")]
    [InlineData("Search with at most 10 words and 200 characters on one line.", "Bitte suchen Sie mit höchstens 10 Wörtern und 200 Zeichen in einer Zeile.")]
    [InlineData("A message may have at most 10000 characters; this one has 10412.", "Eine Nachricht darf höchstens 10000 Zeichen haben. Diese hat 10412.")]
    [InlineData("'xx_yy' is not a region of the taxonomy.", "„xx_yy“ ist im Verzeichnis nicht als Region bekannt.")]
    [InlineData("Choose at least one target group from the taxonomy (GET /api/directory/taxonomy).", "Bitte wählen Sie mindestens einen Eintrag bei „Zielgruppe“.")]
    [InlineData("Choose the role: member, org_admin.", "Bitte wählen Sie die Rolle: member, org_admin.")]
    [InlineData("The deadline was 2027-03-20 23:59 (Berlin time).", "Anmeldeschluss war 2027-03-20 23:59 (Berliner Zeit).")]
    [InlineData("You attended 2 of the 4 sessions a certificate needs: 2 more to go.", "Sie waren bei 2 von 4 nötigen Terminen. Es fehlen noch 2.")]
    [InlineData("Send a list of 1 to 500 entries { registrationId, sessionId, attended }.", "Bitte tragen Sie 1 bis 500 Anwesenheiten auf einmal ein.")]
    [InlineData("A client may send 600 requests a minute. Try again in 12 seconds.", "Bitte warten Sie 12 Sekunden und versuchen Sie es dann noch einmal.")]
    [InlineData("The events service is unavailable.", "Der Dienst „events“ ist gerade nicht erreichbar.")]
    [InlineData(
        "An organisation that is verified cannot be verified: it is verified.",
        "Eine Organisation mit dem Status „geprüft“ kann nicht geprüft werden: Sie ist schon geprüft.")]
    public void Api_messages_come_out_in_plain_German(string english, string german) =>
        Assert.Equal(german, ApiMessages.ToGerman(english));

    [Fact]
    public void The_longer_template_wins_when_a_shorter_one_would_also_fit() =>
        Assert.Equal(
            "Die Adresse darf höchstens 500 Zeichen haben. Zeilenumbrüche sind erlaubt, andere Steuerzeichen nicht.",
            ApiMessages.ToGerman("The address may have at most 500 characters, and line breaks but no other control characters."));

    [Theory]
    [InlineData("A message no service sends today.")]
    [InlineData("The name may have at most many characters, and then some.")]
    [InlineData("")]
    public void An_unknown_message_stays_as_the_API_sent_it(string message) =>
        Assert.Equal(message, ApiMessages.ToGerman(message));

    [Fact]
    public void German_pages_get_German_and_English_pages_get_the_API_s_own_words()
    {
        const string Message = "A session must end after it starts.";

        Assert.Equal("Ein Termin muss nach seinem Beginn enden.", UiFor(cookie: null).ApiMessage(Message));
        Assert.Equal(Message, UiFor(cookie: UiLanguage.English).ApiMessage(Message));
    }

    [Fact]
    public void Every_collected_message_has_German()
    {
        var missing = CollectedApiMessages.Templates.Where(t => !ApiMessages.HasGerman(t)).ToList();

        Assert.True(missing.Count == 0, "No German for:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Every_German_sentence_fills_the_blanks_it_has_with_the_English_ones()
    {
        // The table is read when the class is first used; a German blank the English lacks throws there.
        foreach (var template in ApiMessages.EnglishTemplates)
        {
            Assert.NotNull(ApiMessages.ToGerman(template));
        }
    }

    /// <summary>The page's language is chosen by the same middleware as in the app (here from the cookie).</summary>
    private static Ui UiFor(string? cookie)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        if (cookie is not null)
        {
            context.Request.Headers.Cookie = $"{UiLanguage.CookieName}={cookie}";
        }

        var app = new ApplicationBuilder(services);
        app.UseUiLanguage();
        app.Build()(context).GetAwaiter().GetResult();
        return new Ui(new HttpContextAccessor { HttpContext = context });
    }
}
