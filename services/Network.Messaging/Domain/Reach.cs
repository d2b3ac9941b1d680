namespace Network.Messaging.Domain;

/// <summary>
/// Whether an organisation works where something happens or is addressed. A place reaches the
/// organisations the directory's search finds for it (<see cref="Taxonomy.RegionsMatching"/>): for
/// a city its districts, for a district its city as a whole, and those that work nationwide or online.
/// </summary>
public static class Reach
{
    public static bool WorksIn(IReadOnlyList<string> organisationRegions, IReadOnlyList<string> places) =>
        places.Any(place => Taxonomy.RegionsMatching(place).Any(organisationRegions.Contains));

    public static bool Shares(IReadOnlyList<string> mine, IReadOnlyList<string> theirs) => mine.Any(theirs.Contains);
}

/// <summary>
/// Which organisations hear of a newly published event: verified ones, other than the organiser,
/// that share at least one of its topics and work where it takes place. An event held online or
/// nationwide can be attended from anywhere, so there the topic alone decides.
/// </summary>
public static class EventFit
{
    public static bool Fits(OrganisationProfile organisation, Guid organiserId, IReadOnlyList<string> eventTopics, IReadOnlyList<string> eventRegions) =>
        organisation.Status == OrganisationStatus.Verified
        && organisation.Id != organiserId
        && Reach.Shares(organisation.Topics, eventTopics)
        && (eventRegions.Contains(Taxonomy.Online) || eventRegions.Contains(Taxonomy.Nationwide) || Reach.WorksIn(organisation.Regions, eventRegions));
}

/// <summary>
/// Whom a coordinator's announcement reaches: the members of verified organisations of the chosen
/// kinds, in the chosen regions, with the chosen topics. An empty list does not narrow: no kinds
/// chosen means every kind. All three empty means the whole network.
/// </summary>
public sealed record AnnouncementAudience(IReadOnlyList<string> Kinds, IReadOnlyList<string> Regions, IReadOnlyList<string> Topics)
{
    public bool Includes(OrganisationProfile organisation) =>
        organisation.Status == OrganisationStatus.Verified
        && (Kinds.Count == 0 || Kinds.Contains(organisation.Kind))
        && (Regions.Count == 0 || Reach.WorksIn(organisation.Regions, Regions))
        && (Topics.Count == 0 || Reach.Shares(organisation.Topics, Topics));
}
