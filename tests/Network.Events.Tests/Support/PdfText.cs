using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Network.Events.Tests.Support;

/// <summary>
/// Reads back the text of a PDF that PDFsharp wrote: the page's content stream shows strings of
/// glyph ids (`<...> Tj`) in a font whose ToUnicode map says which characters they are. Enough
/// for our certificates, so a test sees what a reader of the PDF sees, not only its metadata.
/// </summary>
public static partial class PdfText
{
    public static string Extract(byte[] pdf)
    {
        using var document = PdfReader.Open(new MemoryStream(pdf), PdfDocumentOpenMode.Import);
        var text = new StringBuilder();
        foreach (var page in document.Pages)
        {
            var maps = new Dictionary<string, Dictionary<int, string>>();
            var fonts = page.Resources.Elements.GetDictionary("/Font");
            foreach (var name in fonts?.Elements.Keys ?? [])
            {
                var font = fonts!.Elements.GetDictionary(name)!;
                var toUnicode = font.Elements.GetDictionary("/ToUnicode");
                maps[name] = toUnicode?.Stream is { } stream ? ReadCMap(Encoding.ASCII.GetString(stream.UnfilteredValue)) : [];
            }

            var contents = new StringBuilder();
            foreach (var item in page.Contents.Elements)
            {
                var stream = ((item as PdfReference)?.Value as PdfDictionary ?? item as PdfDictionary)?.Stream;
                if (stream is not null)
                {
                    contents.Append(Encoding.Latin1.GetString(stream.UnfilteredValue)).Append('\n');
                }
            }

            var current = new Dictionary<int, string>();
            foreach (Match operation in Operation().Matches(contents.ToString()))
            {
                if (operation.Groups["font"].Success)
                {
                    current = maps.GetValueOrDefault(operation.Groups["font"].Value) ?? [];
                    continue;
                }

                // Long strings are wrapped over several lines inside the brackets.
                var hex = string.Concat(operation.Groups["hex"].Value.Where(char.IsAsciiHexDigit));
                for (var i = 0; i + 4 <= hex.Length; i += 4)
                {
                    var glyph = int.Parse(hex.AsSpan(i, 4), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    text.Append(current.GetValueOrDefault(glyph, "?"));
                }

                text.Append(' ');
            }
        }

        return text.ToString();
    }

    private static Dictionary<int, string> ReadCMap(string cmap)
    {
        var map = new Dictionary<int, string>();
        foreach (Match block in BfChars().Matches(cmap))
        {
            foreach (Match pair in Pair().Matches(block.Groups[1].Value))
            {
                map[int.Parse(pair.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)] = Utf16(pair.Groups[2].Value);
            }
        }

        foreach (Match block in BfRanges().Matches(cmap))
        {
            foreach (Match range in Range().Matches(block.Groups[1].Value))
            {
                var low = int.Parse(range.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var high = int.Parse(range.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                var start = int.Parse(range.Groups[3].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                for (var glyph = low; glyph <= high; glyph++)
                {
                    map[glyph] = char.ConvertFromUtf32(start + glyph - low);
                }
            }
        }

        return map;
    }

    private static string Utf16(string hex) =>
        Encoding.BigEndianUnicode.GetString(Enumerable.Range(0, hex.Length / 2).Select(i => Convert.ToByte(hex.Substring(i * 2, 2), 16)).ToArray());

    [GeneratedRegex(@"(?<font>/[A-Za-z0-9]+)\s+[0-9.]+\s+Tf|<(?<hex>[0-9A-Fa-f\s]+)>\s*Tj")]
    private static partial Regex Operation();

    [GeneratedRegex(@"beginbfchar(.*?)endbfchar", RegexOptions.Singleline)]
    private static partial Regex BfChars();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Pair();

    [GeneratedRegex(@"beginbfrange(.*?)endbfrange", RegexOptions.Singleline)]
    private static partial Regex BfRanges();

    [GeneratedRegex(@"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>")]
    private static partial Regex Range();
}
