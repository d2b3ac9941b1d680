using PdfSharp.Fonts;

namespace Network.Events.Certificates;

/// <summary>
/// PDFsharp 6 (its Core build, the one that runs on Linux) draws text only with fonts a resolver
/// hands it as bytes; it finds no system fonts on its own there. This resolver gives it one regular
/// and one bold TrueType file, by default DejaVu Sans from Debian's `fonts-dejavu-core` (it covers
/// the Latin, Cyrillic, Greek and Arabic letters that names in the network are written in), or the
/// files named by NETWORK_CERTIFICATE_FONT and NETWORK_CERTIFICATE_FONT_BOLD. PDFsharp keeps one
/// resolver for the whole process, so it is installed once, whichever host starts first.
/// </summary>
public sealed class CertificateFonts : IFontResolver
{
    public const string FamilyName = "Certificate";
    public const string RegularSetting = "NETWORK_CERTIFICATE_FONT";
    public const string BoldSetting = "NETWORK_CERTIFICATE_FONT_BOLD";
    /// <summary>A commercial PDFsharp licence key; without one, PDFsharp runs under its AGPL licence (see Install).</summary>
    public const string LicenseSetting = "NETWORK_PDFSHARP_LICENSE";
    public const string DefaultRegular = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    public const string DefaultBold = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    private const string RegularFace = "certificate-regular";
    private const string BoldFace = "certificate-bold";

    private static readonly Lock Installing = new();
    private static CertificateFonts? installed;

    private readonly string regularPath;
    private readonly string boldPath;

    private CertificateFonts(string regularPath, string boldPath)
    {
        this.regularPath = regularPath;
        this.boldPath = boldPath;
    }

    /// <summary>
    /// Installs the resolver for the process (once) with the files the configuration names, and
    /// chooses PDFsharp's licence: from 6.5.0 on, PDFsharp refuses to create a document until the
    /// program says under which licence it uses it, the free AGPL 3.0 or a commercial key.
    /// AGPL obliges a network service to offer its source to its users; a deployment that cannot do
    /// so sets NETWORK_PDFSHARP_LICENSE to a commercial key.
    /// </summary>
    public static void Install(IConfiguration configuration)
    {
        lock (Installing)
        {
            if (installed is not null)
            {
                return;
            }

            var regular = configuration[RegularSetting] is { Length: > 0 } r ? r : DefaultRegular;
            var bold = configuration[BoldSetting] is { Length: > 0 } b ? b : (File.Exists(DefaultBold) ? DefaultBold : regular);
            installed = new CertificateFonts(regular, bold);
            GlobalFontSettings.FontResolver = installed;
            if (configuration[LicenseSetting] is { Length: > 0 } key)
            {
                PdfSharp.PdfSharpLicense.LoadLicense(key);
            }
            else
            {
                PdfSharp.PdfSharpLicense.SetAgplLicense();
            }
        }
    }

    /// <summary>Whether the font files can be read, so the service can say at once what is missing.</summary>
    public static string? MissingFontFile() =>
        installed is null ? null : new[] { installed.regularPath, installed.boldPath }.FirstOrDefault(path => !File.Exists(path));

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        // Every family asked for is ours: the certificate only uses this one. Italic is simulated.
        new(bold ? BoldFace : RegularFace, false, italic);

    public byte[]? GetFont(string faceName) => File.ReadAllBytes(faceName == BoldFace ? boldPath : regularPath);
}
