using Network.Web.Api;

namespace Network.Web.Components.Pages.Events.Organise;

/// <summary>
/// For whom the signed-in person may organise: their verified organisations (members of pending,
/// rejected or suspended ones may not). A coordinator organises for any organisation, so the one the
/// address names is offered too.
/// </summary>
public static class OrganiserChoices
{
    public const string CoordinatorRole = "coordinator";

    public static async Task<IReadOnlyList<(string Code, string Label)>> OfAsync(NetworkApi api, string? asked)
    {
        var me = (await api.MeAsync()).Value;
        if (me is null)
        {
            return [];
        }

        var choices = Verified(me).Select(m => (m.OrganisationId.ToString(), m.OrganisationName)).ToList();
        if (me.Roles.Contains(CoordinatorRole) && Guid.TryParse(asked, out var askedId) && choices.All(c => c.Item1 != askedId.ToString())
            && (await api.OrganisationAsync(askedId)).Value is { } organisation)
        {
            choices.Add((organisation.Id.ToString(), organisation.Name));
        }

        return choices;
    }

    public static IReadOnlyList<Membership> Verified(Me me) => me.Memberships.Where(m => m.OrganisationStatus == "verified").ToList();
}
