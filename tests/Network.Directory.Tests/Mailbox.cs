using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Network.Directory.Tests;

/// <summary>A mail as the pickup folder holds it, decoded: headers, subject and plain text.</summary>
public sealed partial record ReceivedMail(string FileName, IReadOnlyDictionary<string, string> Headers, string Subject, string Text)
{
    public string To => Headers["To"];

    /// <summary>The token of the link in the mail.</summary>
    public string Token => TokenInLink().Match(Text) is { Success: true } match
        ? match.Groups["token"].Value
        : throw new InvalidOperationException("The mail has no link with a token:\n" + Text);

    public string Link => LinkInText().Match(Text).Value;

    [GeneratedRegex(@"[?&]token=(?<token>[A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex LinkInText();
}

/// <summary>
/// The folder a directory under test writes its mails to (NETWORK_MAIL_PICKUP_DIR). Mails go out
/// in the background, so a test waits for the one it expects. To show that a mail was NOT sent, a
/// test sends another one afterwards and waits for that: mails leave one after another, in order.
/// </summary>
public sealed partial class Mailbox : IDisposable
{
    private static readonly TimeSpan GiveUpAfter = TimeSpan.FromSeconds(30);

    private Mailbox(string folder) => Folder = folder;

    public string Folder { get; }

    public static Mailbox Create() =>
        new(System.IO.Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "network-directory-tests", Guid.NewGuid().ToString("N"))).FullName);

    public IReadOnlyList<ReceivedMail> MailsTo(string address) =>
        System.IO.Directory.EnumerateFiles(Folder, "*.eml")
            .Select(Read)
            .Where(mail => string.Equals(mail.To, address, StringComparison.OrdinalIgnoreCase))
            .ToList();

    public async Task<ReceivedMail> WaitForAsync(string address, Func<ReceivedMail, bool>? match = null)
    {
        var deadline = DateTime.UtcNow + GiveUpAfter;
        while (true)
        {
            var found = MailsTo(address).FirstOrDefault(mail => match?.Invoke(mail) ?? true);
            if (found is not null)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No such mail to {address} arrived in {Folder}; there are {MailsTo(address).Count} to that address.");
            }

            await Task.Delay(100);
        }
    }

    public void Dispose()
    {
        if (System.IO.Directory.Exists(Folder))
        {
            System.IO.Directory.Delete(Folder, recursive: true);
        }
    }

    internal static ReceivedMail Read(string path)
    {
        var raw = File.ReadAllText(path, Encoding.UTF8);
        var split = raw.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (split < 0)
        {
            throw new FormatException($"{path} has no blank line between header and body.");
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string? last = null;
        foreach (var line in raw[..split].Split("\r\n"))
        {
            if (line.Length > 0 && line[0] is ' ' or '\t' && last is not null)
            {
                headers[last] += line; // a folded header goes on
            }
            else if (line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                last = line[..colon];
                headers[last] = line[(colon + 1)..].TrimStart();
            }
        }

        var body = raw[(split + 4)..];
        if (headers.TryGetValue("Content-Transfer-Encoding", out var encoding) && encoding.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase))
        {
            body = DecodeQuotedPrintable(body);
        }

        return new ReceivedMail(Path.GetFileName(path), headers, DecodeEncodedWords(headers.GetValueOrDefault("Subject", string.Empty)), body);
    }

    /// <summary>RFC 2045: "=" at a line end joins lines, "=XX" is a byte.</summary>
    private static string DecodeQuotedPrintable(string text)
    {
        var bytes = new List<byte>();
        text = text.Replace("=\r\n", string.Empty, StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=' && i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var value))
            {
                bytes.Add(value);
                i += 2;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>RFC 2047 "=?utf-8?B?...?=" words; the space between two of them is not part of the text.</summary>
    private static string DecodeEncodedWords(string header) =>
        EncodedWord().Replace(
            EncodedWordGap().Replace(header, "?==?"),
            match => Encoding.UTF8.GetString(Convert.FromBase64String(match.Groups["text"].Value)));

    [GeneratedRegex(@"=\?utf-8\?B\?(?<text>[^?]*)\?=", RegexOptions.IgnoreCase)]
    private static partial Regex EncodedWord();

    [GeneratedRegex(@"\?=\s+=\?")]
    private static partial Regex EncodedWordGap();
}
