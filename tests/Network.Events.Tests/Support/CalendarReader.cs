using System.Globalization;
using System.Text;

namespace Network.Events.Tests.Support;

/// <summary>A VEVENT as read back: property name to value (unescaped), the first of each name.</summary>
public sealed record ReadEntry(IReadOnlyDictionary<string, string> Properties)
{
    public string this[string name] => Properties[name];

    public DateTimeOffset Time(string name) =>
        DateTimeOffset.ParseExact(Properties[name], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>
/// A strict, small reader of what RFC 5545 asks of our output: every line ends in CRLF, no line is
/// longer than 75 octets, folded lines are joined back, and the calendar's components nest properly.
/// It fails the test on anything else, so the writer cannot get away with a near miss.
/// </summary>
public static class CalendarReader
{
    public static (IReadOnlyDictionary<string, string> Calendar, IReadOnlyList<ReadEntry> Entries) Read(byte[] octets)
    {
        var text = Encoding.UTF8.GetString(octets);
        Assert.EndsWith("\r\n", text);
        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            Assert.DoesNotContain('\n', line);
            Assert.DoesNotContain('\r', line);
            Assert.True(Encoding.UTF8.GetByteCount(line) <= 75, $"Line longer than 75 octets: {line}");
        }

        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                Assert.NotEmpty(logical);
                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }

        Assert.Equal("BEGIN:VCALENDAR", logical[0]);
        Assert.Equal("END:VCALENDAR", logical[^1]);
        var calendar = new Dictionary<string, string>();
        var entries = new List<ReadEntry>();
        Dictionary<string, string>? current = null;
        foreach (var line in logical.Skip(1).Take(logical.Count - 2))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"Not a content line: {line}");
            var name = line[..colon].Split(';')[0];
            var value = Unescape(line[(colon + 1)..]);
            if (line == "BEGIN:VEVENT")
            {
                Assert.Null(current);
                current = [];
            }
            else if (line == "END:VEVENT")
            {
                Assert.NotNull(current);
                entries.Add(new ReadEntry(current));
                current = null;
            }
            else
            {
                (current ?? calendar).TryAdd(name, value);
            }
        }

        Assert.Null(current);
        return (calendar, entries);
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                i++;
                result.Append(value[i] is 'n' or 'N' ? '\n' : value[i]);
            }
            else
            {
                result.Append(value[i]);
            }
        }

        return result.ToString();
    }
}
