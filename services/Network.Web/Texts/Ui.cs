using System.Globalization;

namespace Network.Web.Texts;

/// <summary>
/// The words of the pages in the language of the request: `Ui["key"]`, or `Ui.Format("key", …)` for
/// texts with blanks. Every text lives in <see cref="GermanTexts"/> and <see cref="EnglishTexts"/>,
/// one class per language split into one file per area, which must hold the same keys (checked when
/// the app starts).
/// </summary>
public sealed class Ui(IHttpContextAccessor accessor)
{
    public string Language => accessor.HttpContext is { } context ? UiLanguage.Of(context) : UiLanguage.German;

    public bool IsEnglish => Language == UiLanguage.English;

    public CultureInfo Culture => CultureInfo.GetCultureInfo(IsEnglish ? "en-GB" : "de-DE");

    public string this[string key] => (IsEnglish ? EnglishTexts.All : GermanTexts.All).TryGetValue(key, out var text)
        ? text
        : throw new KeyNotFoundException($"No text '{key}' for language '{Language}'.");

    public string Format(string key, params object?[] values) => string.Format(Culture, this[key], values);

    /// <summary>An explanation from the API (English only) in the page's language; see <see cref="ApiMessages"/>.</summary>
    public string ApiMessage(string message) => IsEnglish ? message : ApiMessages.ToGerman(message);

    /// <summary>The label of a taxonomy term in the page's language.</summary>
    public string Label(Api.Term term) => IsEnglish ? term.En : term.De;

    public static void CheckBothLanguagesAreComplete()
    {
        var onlyGerman = GermanTexts.All.Keys.Except(EnglishTexts.All.Keys).ToList();
        var onlyEnglish = EnglishTexts.All.Keys.Except(GermanTexts.All.Keys).ToList();
        if (onlyGerman.Count > 0 || onlyEnglish.Count > 0)
        {
            throw new InvalidOperationException(
                $"Texts missing in English: {string.Join(", ", onlyGerman)}; missing in German: {string.Join(", ", onlyEnglish)}");
        }
    }
}
