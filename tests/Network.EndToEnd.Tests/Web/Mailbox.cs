using System.Text;
using System.Text.RegularExpressions;

namespace Network.EndToEnd.Tests.Web;

/// <summary>
/// The directory's mails under test: .eml files in its pickup folder (NETWORK_MAIL_PICKUP_DIR), written
/// with 8-bit text since no SMTP server is configured. A test waits for the mail and follows its link.
/// </summary>
public static partial class Mailbox
{
    /// <summary>The link (path and query) of the newest mail to <paramref name="address"/> whose link starts with <paramref name="path"/>.</summary>
    public static async Task<string> LinkAsync(string folder, string address, string path)
    {
        var deadline = DateTime.UtcNow + Browser.Patience;
        while (true)
        {
            var links = Directory.Exists(folder)
                ? Directory.EnumerateFiles(folder, "*.eml")
                    .Select(file => (File.GetLastWriteTimeUtc(file), File.ReadAllText(file, Encoding.UTF8)))
                    .Where(mail => ToHeader(mail.Item2).Contains(address, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(mail => mail.Item1)
                    .Select(mail => Link().Match(mail.Item2))
                    .Where(match => match.Success && match.Groups["path"].Value == path)
                    .Select(match => match.Groups["path"].Value + match.Groups["query"].Value)
                    .ToList()
                : [];
            if (links.Count > 0)
            {
                return links[^1];
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No mail to {address} with a link to {path} arrived in {folder}.");
            }

            await Task.Delay(200);
        }
    }

    private static string ToHeader(string mail) =>
        mail.Split("\r\n").FirstOrDefault(line => line.StartsWith("To:", StringComparison.OrdinalIgnoreCase)) ?? string.Empty;

    [GeneratedRegex(@"https?://[^/\s]+(?<path>/[^?\s]*)(?<query>\?token=[A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}
