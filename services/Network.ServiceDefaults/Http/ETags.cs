using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Network.ServiceDefaults.Http;

/// <summary>What an update's `If-Match` header asks for (RFC 9110, 13.1.1).</summary>
public enum IfMatchOutcome
{
    /// <summary>No `If-Match`: the client did not say which version it edited (428).</summary>
    Missing,

    /// <summary>The client edited the current version (or sent `*`): go ahead.</summary>
    Matches,

    /// <summary>Someone changed the resource since the client read it (412).</summary>
    Stale,
}

/// <summary>
/// Optimistic concurrency for resources that carry a version number: the version is the strong
/// entity tag (`"7"`), sent as `ETag` on reads and expected back as `If-Match` on updates, so two
/// people editing the same thing cannot silently overwrite each other.
/// </summary>
public static class ETags
{
    public static string For(long version) => "\"" + version.ToString(CultureInfo.InvariantCulture) + "\"";

    public static void Set(HttpResponse response, long version) => response.Headers.ETag = For(version);

    /// <summary>Compares the request's `If-Match` with the resource's current version.</summary>
    public static IfMatchOutcome CheckIfMatch(HttpRequest request, long currentVersion)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0 || string.IsNullOrWhiteSpace(header.ToString()))
        {
            return IfMatchOutcome.Missing;
        }

        // A header we cannot parse names no version we have, so it cannot match (RFC 9110 says to
        // evaluate it as false rather than ignore it).
        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return IfMatchOutcome.Stale;
        }

        var current = new EntityTagHeaderValue(For(currentVersion));
        // If-Match uses the strong comparison: a weak tag never matches.
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: true))
            ? IfMatchOutcome.Matches
            : IfMatchOutcome.Stale;
    }

    /// <summary>428: updates must say which version they were made against.</summary>
    public static ProblemHttpResult PreconditionRequired() => TypedResults.Problem(
        statusCode: StatusCodes.Status428PreconditionRequired,
        title: "This update needs an If-Match header.",
        detail: "Send the ETag of the version you edited as If-Match, so a change made meanwhile is not overwritten.");

    /// <summary>412: the resource changed since the client read it.</summary>
    public static ProblemHttpResult PreconditionFailed(long currentVersion) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "Someone changed this in the meantime.",
        detail: "Load the current version, apply your change to it and send it again.",
        extensions: new Dictionary<string, object?> { ["currentETag"] = For(currentVersion) });
}
