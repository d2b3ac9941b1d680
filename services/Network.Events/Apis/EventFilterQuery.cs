using Microsoft.AspNetCore.Mvc;
using Network.Events.Domain;

namespace Network.Events.Apis;

/// <summary>
/// The filters that the list (`GET /api/events/events`) and the calendar feed
/// (`GET /api/events/calendar.ics`) take from the query string, bound once (<c>[AsParameters]</c>) and
/// checked by one <see cref="EventSearch.Read"/>, so both refuse the same values with the same words.
/// </summary>
public sealed record EventFilterQuery(
    [FromQuery(Name = "from")] string? From,
    [FromQuery(Name = "to")] string? To,
    [FromQuery(Name = "kind")] string? Kind,
    [FromQuery(Name = "topic")] string[]? Topic,
    [FromQuery(Name = "region")] string[]? Region,
    [FromQuery(Name = "organiserOrganisationId")] Guid? OrganiserOrganisationId,
    [FromQuery(Name = "query")] string? Query,
    [FromQuery(Name = "language")] string[]? Language)
{
    /// <summary>The checked criteria, or the problems by field; the feed passes no limit or cursor.</summary>
    public (EventSearchCriteria? Criteria, Dictionary<string, string[]> Errors) Read(DateTimeOffset now, int? limit = null, string? cursor = null) =>
        EventSearch.Read(From, To, Kind, Topic, Region, OrganiserOrganisationId, limit, cursor, now, Query, Language);
}
