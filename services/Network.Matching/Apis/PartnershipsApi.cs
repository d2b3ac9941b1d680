using Microsoft.AspNetCore.Http.HttpResults;
using Network.Matching.Data;
using Network.Matching.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Matching.Apis;

/// <summary>The partnerships an organisation formed: suggestions both sides were interested in.</summary>
public static class PartnershipsApi
{
    public sealed record PartnerResponse(Guid ListingId, string Title, Guid OrganisationId, string OrganisationName);

    public sealed record PartnershipResponse(Guid Id, Guid SuggestionId, PartnerResponse Offer, PartnerResponse Request, DateTimeOffset FormedAt);

    public static IEndpointRouteBuilder MapPartnershipsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/matching/partnerships", ListAsync).WithTags("Suggestions").RequireAuthorization();
        return endpoints;
    }

    /// <summary>An organisation's partnerships, newest first; for its members and coordinators.</summary>
    internal static async Task<Results<Ok<Page<PartnershipResponse>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        Guid? organisationId, int? limit, string? cursor, HttpContext context, SuggestionStore suggestions, CancellationToken cancellationToken)
    {
        var viewer = ListingViewer.Of(context.User);
        var errors = new Dictionary<string, string[]>();
        if (organisationId is null)
        {
            errors["organisationId"] = ["Name the organisation whose partnerships to list."];
        }

        var (effectiveLimit, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The partnerships could not be listed.");
        }

        if (!viewer.IsCoordinator && !viewer.IsMemberOf(organisationId!.Value))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only members of the organisation see its partnerships.");
        }

        var rows = await suggestions.PartnershipsAsync(organisationId!.Value, after, effectiveLimit, cancellationToken);
        var page = Paging.ToPage(rows, effectiveLimit, p => (p.FormedAt.UtcDateTime, p.Id));
        return TypedResults.Ok(new Page<PartnershipResponse>(page.Items.Select(Describe).ToList(), page.NextCursor));
    }

    private static PartnershipResponse Describe(Partnership partnership) => new(
        partnership.Id,
        partnership.SuggestionId,
        new PartnerResponse(partnership.OfferListingId, partnership.OfferTitle, partnership.OfferOrganisationId, partnership.OfferOrganisationName),
        new PartnerResponse(partnership.RequestListingId, partnership.RequestTitle, partnership.RequestOrganisationId, partnership.RequestOrganisationName),
        partnership.FormedAt);
}
