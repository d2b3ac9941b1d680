using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Data;
using Network.Directory.Domain;

namespace Network.Directory.Apis;

/// <summary>
/// The people of an organisation: who they are (for its members and coordinators), leaving, and
/// roles. An organisation always keeps at least one org_admin, so someone can always manage it.
/// </summary>
public static class OrganisationMembersApi
{
    public sealed record MemberResponse(Guid AccountId, string DisplayName, string Email, MemberRole Role, DateTimeOffset JoinedAt);

    public sealed record ChangeRoleRequest(MemberRole? Role);

    private const string LastAdminTitle = "An organisation needs at least one org_admin.";

    public static IEndpointRouteBuilder MapOrganisationMembersApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/directory/organisations/{id:guid}/members").WithTags("Organisations").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapDelete("/me", LeaveAsync);
        api.MapPut("/{accountId:guid}", ChangeRoleAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<IReadOnlyList<MemberResponse>>, NotFound, ProblemHttpResult>> ListAsync(
        Guid id, HttpContext context, OrganisationStore organisations, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null || !OrganisationAccess.CanSee(viewer, organisation))
        {
            return TypedResults.NotFound();
        }

        if (!OrganisationAccess.CanSeeMembers(viewer, organisation))
        {
            return OrganisationsApi.Forbidden("Only the organisation's members and coordinators see who its members are.");
        }

        var members = await memberships.MembersAsync(id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MemberResponse>>(
            members.Select(m => new MemberResponse(m.AccountId, m.DisplayName, m.Email, m.Role, m.JoinedAt)).ToList());
    }

    internal static async Task<Results<NoContent, NotFound, ProblemHttpResult>> LeaveAsync(
        Guid id, HttpContext context, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        if (viewer.AccountId is not { } accountId)
        {
            return TypedResults.NotFound();
        }

        return await memberships.LeaveAsync(id, accountId, cancellationToken) switch
        {
            MembershipChangeOutcome.LastAdmin => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: LastAdminTitle,
                detail: "Make another member org_admin first, then leave."),
            MembershipChangeOutcome.NotAMember => TypedResults.NotFound(),
            _ => TypedResults.NoContent(),
        };
    }

    internal static async Task<Results<NoContent, ValidationProblem, NotFound, ProblemHttpResult>> ChangeRoleAsync(
        Guid id, Guid accountId, ChangeRoleRequest request, HttpContext context, OrganisationStore organisations, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null || !OrganisationAccess.CanSee(viewer, organisation))
        {
            return TypedResults.NotFound();
        }

        if (!OrganisationAccess.CanManageMembers(viewer, organisation))
        {
            return OrganisationsApi.Forbidden("Only the organisation's admins and coordinators change roles.");
        }

        if (request.Role is not { } role)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["role"] = [$"Choose the role: {EnumCodes.AllOf<MemberRole>()}."] },
                title: "The role could not be changed.");
        }

        return await memberships.ChangeRoleAsync(id, accountId, role, viewer.AccountId!.Value, cancellationToken) switch
        {
            MembershipChangeOutcome.LastAdmin => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: LastAdminTitle,
                detail: "Make another member org_admin before this one stops being one."),
            MembershipChangeOutcome.NotAMember => TypedResults.NotFound(),
            _ => TypedResults.NoContent(),
        };
    }
}
