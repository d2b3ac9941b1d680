using Microsoft.Extensions.Configuration;
using Network.Events.Certificates;
using Network.Events.Domain;
using Network.Events.Tests.Support;

namespace Network.Events.Tests.Domain;

public sealed class Rendering_certificates
{
    public Rendering_certificates() => CertificateFonts.Install(new ConfigurationBuilder().Build());

    [Theory]
    [InlineData("Nguyễn Thị Lan")]
    [InlineData("Łukasz Żółkiewski")]
    [InlineData("Ayşe Kılıç")]
    [InlineData("Олена Шевченко")]
    public void Names_in_the_communities_scripts_are_written_as_they_are(string name)
    {
        var series = Deciding_places_and_the_waitlist.Series(capacity: 20, sessions: 5, certificateMinSessions: 4);

        var pdf = CertificateDocument.Render(new CertificateContent(
            name, series.Title, series.Kind, "Integrationsbüro Dessau-Roßlau", series.Sessions.Take(4).ToList(), 5, "NW-2027-ABCDEFGHJK", series.Sessions[4].EndsAt, "https://network.example/api/events/certificates/NW-2027-ABCDEFGHJK"));
        var text = PdfText.Extract(pdf);

        Assert.Contains(name, text);
        Assert.Contains("Integrationsbüro Dessau-Roßlau", text);
        // Dates in Berlin time and in German: the first module is on Monday, 22 March 2027 at 09:00.
        Assert.Contains("Montag, 22. März 2027, 09:00–12:00 Uhr: Modul 1", text);
        Assert.DoesNotContain("Modul 5", text);
    }
}
