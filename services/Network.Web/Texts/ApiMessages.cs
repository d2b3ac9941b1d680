using System.Text;
using System.Text.RegularExpressions;

namespace Network.Web.Texts;

/// <summary>
/// The APIs explain in English only (they serve every client alike); German pages show those
/// explanations in German. Each sentence the services can send is written down once as an English
/// template with its German (<see cref="ApiMessages"/>.German.cs): a sentence without blanks is
/// looked up as it is, one with blanks (`{maximum}`) is recognised by its fixed words, and what
/// stands in the blanks – numbers, codes, names – is carried into the German sentence. A sentence
/// that is not in the table stays English: an English explanation is better than none.
/// </summary>
public static partial class ApiMessages
{
    private static readonly Dictionary<string, string> ExactSentences = new(StringComparer.Ordinal);
    private static readonly List<Template> TemplatesWithBlanks = [];
    private static readonly HashSet<string> Shapes = new(StringComparer.Ordinal);

    static ApiMessages()
    {
        foreach (var (english, german) in GermanSentences)
        {
            Shapes.Add(Shape(english));
            if (Blanks(english).Count == 0)
            {
                ExactSentences[Unescape(english)] = Unescape(german);
            }
            else
            {
                TemplatesWithBlanks.Add(new Template(english, german));
            }
        }

        // The more fixed words a template has, the less it leaves to chance: `At most {n} codes.` must not catch a longer sentence first.
        TemplatesWithBlanks.Sort((a, b) => b.FixedLength.CompareTo(a.FixedLength));
    }

    /// <summary>Every English template that has a German sentence.</summary>
    public static IEnumerable<string> EnglishTemplates => GermanSentences.Select(s => s.English);

    /// <summary>The message in German, or the message itself when its German is not known.</summary>
    public static string ToGerman(string message)
    {
        var trimmed = message.Trim();
        if (ExactSentences.TryGetValue(trimmed, out var german))
        {
            return german;
        }

        foreach (var template in TemplatesWithBlanks)
        {
            if (template.TryTranslate(trimmed) is { } translated)
            {
                return translated;
            }
        }

        return message;
    }

    /// <summary>Whether a template (with its blanks named anyhow, as in the services' source) has a German sentence.</summary>
    public static bool HasGerman(string englishTemplate) => Shapes.Contains(Shape(englishTemplate));

    /// <summary>
    /// A template with every blank made nameless, so `{MaximumLength}` in a service and `{maximum}`
    /// here are the same sentence. Doubled braces are literal braces, as in C#.
    /// </summary>
    public static string Shape(string template)
    {
        var shape = new StringBuilder();
        foreach (var part in Parts(template))
        {
            shape.Append(part.IsBlank ? "{}" : part.Text.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
        }

        return shape.ToString();
    }

    private static List<string> Blanks(string template) => Parts(template).Where(p => p.IsBlank).Select(p => p.Text).ToList();

    private static string Unescape(string template) => string.Concat(Parts(template).Select(p => p.IsBlank ? "{" + p.Text + "}" : p.Text));

    /// <summary>The template cut into fixed text and blanks (a blank's text is its name).</summary>
    private static List<(string Text, bool IsBlank)> Parts(string template)
    {
        var parts = new List<(string, bool)>();
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                text.Append(c);
                i++;
            }
            else if (c == '{' && template.IndexOf('}', i) is var end and > 0)
            {
                if (text.Length > 0)
                {
                    parts.Add((text.ToString(), false));
                    text.Clear();
                }

                parts.Add((template[(i + 1)..end], true));
                i = end;
            }
            else
            {
                text.Append(c);
            }
        }

        if (text.Length > 0)
        {
            parts.Add((text.ToString(), false));
        }

        return parts;
    }

    private sealed class Template
    {
        private readonly Regex english;
        private readonly List<(string Text, bool IsBlank)> german;

        public Template(string englishTemplate, string germanTemplate)
        {
            var pattern = new StringBuilder("^");
            var names = new List<string>();
            foreach (var (text, isBlank) in Parts(englishTemplate))
            {
                if (isBlank)
                {
                    pattern.Append("(?<b").Append(names.Count).Append(">.+?)");
                    names.Add(text);
                }
                else
                {
                    pattern.Append(Regex.Escape(text));
                    FixedLength += text.Length;
                }
            }

            english = new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromMilliseconds(100));
            german = Parts(germanTemplate);
            Names = names;
            var unknown = Blanks(germanTemplate).Except(names).ToList();
            if (unknown.Count > 0)
            {
                throw new InvalidOperationException($"The German of '{englishTemplate}' has blanks the English does not: {string.Join(", ", unknown)}.");
            }
        }

        public int FixedLength { get; }

        private List<string> Names { get; }

        public string? TryTranslate(string message)
        {
            var match = english.Match(message);
            if (!match.Success)
            {
                return null;
            }

            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = 0; i < Names.Count; i++)
            {
                var value = match.Groups["b" + i].Value;
                values[Names[i]] = GermanWords.TryGetValue(value, out var word) ? word : value;
            }

            return string.Concat(german.Select(p => p.IsBlank ? values[p.Text] : p.Text));
        }
    }
}
