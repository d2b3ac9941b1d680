using Network.Web.Components.Forms;

namespace Network.Web.Components.Pages.Organisations;

/// <summary>
/// A page with an organisation's profile form (registering one, editing one): the same checks in
/// the person's language before the API is asked, and the same profile sent to it.
/// </summary>
public abstract class OrganisationFormPage : FormPage
{
    /// <summary>The page's own checks of a posted profile; true when nothing is missing.</summary>
    protected bool CheckPostedProfile()
    {
        Require("name", Posted("name"), "create.nameMissing");
        Require("kind", Posted("kind"), "create.kindMissing");
        Require("description", Posted("description"), "create.descriptionMissing");
        Require("topics", PostedAll("topics"), "create.topicsMissing");
        Require("regions", PostedAll("regions"), "create.placesMissing");
        Require("languages", PostedAll("languages"), "create.languagesMissing");
        return Errors.Count == 0;
    }

    /// <summary>The posted profile as the directory takes it; an empty optional field is null, which clears it on an edit.</summary>
    protected object PostedProfile() => new
    {
        name = Posted("name"),
        kind = Posted("kind"),
        description = Posted("description"),
        topics = PostedAll("topics"),
        regions = PostedAll("regions"),
        languages = PostedAll("languages"),
        targetGroups = PostedAll("targetGroups"),
        website = Optional("website"),
        email = Optional("email"),
        phone = Optional("phone"),
        address = Optional("address"),
    };

    private string? Optional(string name) => Posted(name) is { Length: > 0 } value ? value : null;
}
