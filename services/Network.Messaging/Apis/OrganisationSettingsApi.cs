using Microsoft.AspNetCore.Http.HttpResults;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.Messaging.Apis;

/// <summary>
/// An organisation's messaging settings: who may open a conversation with it (`firstContact`:
/// `verified_organisations`, the default, or `partners_only`). Its members read them; its
/// `org_admin`s change them.
/// </summary>
public static class OrganisationSettingsApi
{
    public sealed record MessagingSettings(FirstContact FirstContact);

    public sealed record MessagingSettingsRequest(FirstContact? FirstContact);

    public static IEndpointRouteBuilder MapOrganisationSettingsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/messaging/organisations/{id:guid}/settings").WithTags("Organisation settings").RequireAuthorization();
        api.MapGet("/", GetAsync);
        api.MapPut("/", PutAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<MessagingSettings>, ProblemHttpResult>> GetAsync(
        Guid id, HttpContext context, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (!context.User.Memberships().ContainsKey(id))
        {
            return Forbidden("Only members of the organisation may read its settings.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var organisation = await DirectoryReadModel.FindOrganisationAsync(id, connection, null, cancellationToken);
        return TypedResults.Ok(new MessagingSettings(organisation?.FirstContact ?? FirstContact.VerifiedOrganisations));
    }

    internal static async Task<Results<Ok<MessagingSettings>, ValidationProblem, ProblemHttpResult>> PutAsync(
        Guid id, MessagingSettingsRequest request, HttpContext context, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (context.User.Memberships().GetValueOrDefault(id) != "org_admin")
        {
            return Forbidden("Only the organisation's administrators (org_admin) may change its settings.");
        }

        if (request.FirstContact is not { } firstContact)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["firstContact"] = [$"Choose who may write first: {EnumCodes.AllOf<FirstContact>()}."] },
                title: "The settings could not be saved.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await DirectoryReadModel.SetFirstContactAsync(id, firstContact, connection, cancellationToken);
        return TypedResults.Ok(new MessagingSettings(firstContact));
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);
}
