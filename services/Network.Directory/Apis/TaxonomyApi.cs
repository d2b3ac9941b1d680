using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Domain;

namespace Network.Directory.Apis;

/// <summary>The shared vocabulary (<see cref="Taxonomy"/>): every code clients may send, with its labels.</summary>
public static class TaxonomyApi
{
    public sealed record TaxonomyResponse(
        IReadOnlyList<TaxonomyTerm> Topics,
        IReadOnlyList<Region> Regions,
        IReadOnlyList<Language> Languages,
        IReadOnlyList<TaxonomyTerm> TargetGroups);

    private static readonly TaxonomyResponse Response = new(Taxonomy.Topics, Taxonomy.Regions, Taxonomy.Languages, Taxonomy.TargetGroups);

    public static IEndpointRouteBuilder MapTaxonomyApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/directory/taxonomy", GetTaxonomy).AllowAnonymous().WithTags("Taxonomy");
        return endpoints;
    }

    internal static Ok<TaxonomyResponse> GetTaxonomy(HttpContext context)
    {
        // It changes only with a release, and every form of the web front end needs it.
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return TypedResults.Ok(Response);
    }
}
