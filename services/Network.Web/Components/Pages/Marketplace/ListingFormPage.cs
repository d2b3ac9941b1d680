using System.Globalization;
using Microsoft.AspNetCore.Components;
using Network.Web.Components.Forms;
using Network.Web.Texts;

namespace Network.Web.Components.Pages.Marketplace;

/// <summary>
/// A page with a listing's form (publishing one, editing one): the same checks in the person's
/// language before the API is asked. The end date is a day; the listing runs to its end (UTC).
/// </summary>
public abstract class ListingFormPage : FormPage
{
    public const string DateFormat = "yyyy-MM-dd";

    [Inject] private Ui Words { get; set; } = null!;

    /// <summary>The page's own checks of the posted fields that publishing and editing share; the posted end date, if any.</summary>
    protected DateTimeOffset? CheckPostedListing()
    {
        Require("title", Posted("title"), "publish.titleMissing");
        Require("description", Posted("description"), "publish.descriptionMissing");
        Require("topics", PostedAll("topics"), "create.topicsMissing");
        Require("regions", PostedAll("regions"), "create.placesMissing");
        Require("languages", PostedAll("languages"), "create.languagesMissing");
        Require("format", Posted("format"), "publish.formatMissing");
        if (Posted("validUntil") is not { Length: > 0 } date)
        {
            return null;
        }

        if (DateOnly.TryParseExact(date, DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero);
        }

        AddError("validUntil", Words["publish.dateInvalid"]);
        return null;
    }
}
