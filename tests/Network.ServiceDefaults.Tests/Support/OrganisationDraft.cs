namespace Network.ServiceDefaults.Tests.Support;

/// <summary>A request body shaped like the API's: a text, a choice and a number.</summary>
public sealed record OrganisationDraft(string Name, OrganisationKind Kind, int Places);

public enum OrganisationKind
{
    ServiceProvider,
    MigrantSelfOrganisation,
}
