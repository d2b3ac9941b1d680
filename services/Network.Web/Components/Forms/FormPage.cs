using Microsoft.AspNetCore.Components;
using Network.Web.Api;
using Network.Web.Texts;

namespace Network.Web.Components.Forms;

/// <summary>
/// A page with a form. After a post that failed, the page shows what was typed again and, next to
/// each field, what to fix: the page's own checks first (in the person's language), then whatever
/// the API's problem document names in `errors`.
/// </summary>
public abstract class FormPage : ComponentBase
{
    [CascadingParameter] protected HttpContext HttpContext { get; set; } = null!;

    // Pages get the same texts as `Ui` (from _Imports); this base class reads them under another name.
    [Inject] private Ui Texts { get; set; } = null!;

    [Inject] protected NetworkApi Api { get; set; } = null!;

    [Inject] protected NavigationManager Navigation { get; set; } = null!;

    protected Dictionary<string, List<string>> Errors { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>A message for the whole form, not for one field.</summary>
    protected string? FormError { get; set; }

    protected bool IsPost => HttpMethods.IsPost(HttpContext.Request.Method) && HttpContext.Request.HasFormContentType;

    protected string Posted(string name) => IsPost ? HttpContext.Request.Form[name].ToString().Trim() : string.Empty;

    protected IReadOnlyList<string> PostedAll(string name) =>
        IsPost ? HttpContext.Request.Form[name].Where(v => !string.IsNullOrWhiteSpace(v)).Select(v => v!).ToList() : [];

    protected void AddError(string field, string message)
    {
        if (!Errors.TryGetValue(field, out var messages))
        {
            Errors[field] = messages = [];
        }

        messages.Add(message);
    }

    protected void Require(string field, string value, string messageKey)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            AddError(field, Texts[messageKey]);
        }
    }

    protected void Require(string field, IReadOnlyList<string> values, string messageKey)
    {
        if (values.Count == 0)
        {
            AddError(field, Texts[messageKey]);
        }
    }

    /// <summary>Takes the API's field errors; what the API says without naming a field goes above the form.</summary>
    protected void TakeProblem<T>(ApiResult<T> result, string fallbackKey)
    {
        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                AddError(field, message);
            }
        }

        if (result.Errors.Count == 0)
        {
            FormError = result.Detail is { Length: > 0 } detail ? $"{Texts[fallbackKey]} ({detail})" : Texts[fallbackKey];
        }
    }

    protected IReadOnlyList<string> ErrorsOf(string field) => Errors.TryGetValue(field, out var messages) ? messages : [];

    /// <summary>Goes to a page after a post that worked, so reloading does not post again (and back/forward work).</summary>
    protected void GoTo(string address) => Navigation.NavigateTo(address);
}
