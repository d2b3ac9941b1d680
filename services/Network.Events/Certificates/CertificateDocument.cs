using System.Globalization;
using Network.Events.Domain;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Network.Events.Certificates;

/// <summary>What a certificate says.</summary>
public sealed record CertificateContent(
    string ParticipantName,
    string EventTitle,
    EventKind EventKind,
    string OrganiserName,
    IReadOnlyList<Session> SessionsAttended,
    int SessionsTotal,
    string Number,
    DateTimeOffset IssuedAt,
    string VerificationUrl);

/// <summary>
/// The certificate as a one-page A4 PDF, in German (the language of the network's certificates):
/// the participant, the event, each attended session with its date in Berlin time, the organiser,
/// the number and the address where anyone can check it. The content stream is left uncompressed:
/// it is small, and it lets anyone inspect what the document says.
/// </summary>
public static class CertificateDocument
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static byte[] Render(CertificateContent content)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"Teilnahmebescheinigung {content.Number}";
        document.Info.Subject = $"{content.ParticipantName}: {content.EventTitle}";
        document.Info.Author = content.OrganiserName;
        document.Options.CompressContentStreams = false;

        var page = document.AddPage();
        page.Size = PdfSharp.PageSize.A4;
        using (var graphics = XGraphics.FromPdfPage(page))
        {
            // Unicode throughout: the automatic choice falls back to WinAnsi for text that seems to
            // fit it, and then drops characters such as the dash and the bullet.
            var unicode = new XPdfFontOptions(PdfFontEncoding.Unicode);
            var heading = new XFont(CertificateFonts.FamilyName, 24, XFontStyleEx.Bold, unicode);
            var name = new XFont(CertificateFonts.FamilyName, 20, XFontStyleEx.Bold, unicode);
            var body = new XFont(CertificateFonts.FamilyName, 11, XFontStyleEx.Regular, unicode);
            var strong = new XFont(CertificateFonts.FamilyName, 13, XFontStyleEx.Bold, unicode);
            var small = new XFont(CertificateFonts.FamilyName, 9, XFontStyleEx.Regular, unicode);
            var left = XUnit.FromMillimeter(25).Point;
            var width = page.Width.Point - (2 * left);
            var y = XUnit.FromMillimeter(35).Point;

            void Text(string text, XFont font, double gap)
            {
                foreach (var line in Wrap(graphics, text, font, width))
                {
                    graphics.DrawString(line, font, XBrushes.Black, new XRect(left, y, width, font.Height), XStringFormats.TopLeft);
                    y += font.GetHeight() * 1.2;
                }

                y += gap;
            }

            Text("Teilnahmebescheinigung", heading, 18);
            Text("Hiermit wird bestätigt, dass", body, 6);
            Text(content.ParticipantName, name, 10);
            Text($"an {Describe(content.EventKind)}", body, 4);
            Text(content.EventTitle, strong, 6);
            Text($"veranstaltet von {content.OrganiserName}, teilgenommen hat: an {content.SessionsAttended.Count} von {content.SessionsTotal} Terminen.", body, 12);

            foreach (var session in content.SessionsAttended)
            {
                var starts = BerlinTime.ToBerlin(session.StartsAt);
                var ends = BerlinTime.ToBerlin(session.EndsAt);
                Text($"• {starts.ToString("dddd, d. MMMM yyyy", German)}, {starts:HH:mm}–{ends:HH:mm} Uhr: {session.Title}", body, 2);
            }

            y += 16;
            Text($"Ausgestellt am {BerlinTime.ToBerlin(content.IssuedAt).ToString("d. MMMM yyyy", German)} von {content.OrganiserName}.", body, 24);
            Text($"Bescheinigungsnummer: {content.Number}", strong, 4);
            Text($"Ob diese Bescheinigung echt ist, kann jede und jeder unter {content.VerificationUrl} prüfen.", small, 0);
        }

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static string Describe(EventKind kind) => kind switch
    {
        EventKind.RoundTable => "dem Runden Tisch",
        EventKind.Workshop => "dem Workshop",
        EventKind.TrainingSeries => "der Weiterbildungsreihe",
        EventKind.InfoSession => "der Informationsveranstaltung",
        EventKind.NetworkMeeting => "dem Netzwerktreffen",
        _ => "der Veranstaltung",
    };

    /// <summary>Breaks text into lines that fit <paramref name="width"/>, at spaces (a single over-long word stays whole).</summary>
    private static IEnumerable<string> Wrap(XGraphics graphics, string text, XFont font, double width)
    {
        var line = string.Empty;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                yield return line;
                line = word;
            }
            else
            {
                line = candidate;
            }
        }

        if (line.Length > 0)
        {
            yield return line;
        }
    }
}
