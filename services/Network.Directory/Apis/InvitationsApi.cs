using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.Directory.Security;
using Network.ServiceDefaults;
using Network.ServiceDefaults.Mail;

namespace Network.Directory.Apis;

/// <summary>
/// Inviting people into an organisation by mail, and accepting. The token travels only in the
/// mail (sent through <see cref="MailQueue"/> once the invitation is stored); the API never
/// returns it, so only the person with access to the invited address can accept.
/// </summary>
public static class InvitationsApi
{
    public sealed record InvitationRequest(string? Email, MemberRole? Role);

    public sealed record InvitationResponse(Guid Id, Guid OrganisationId, string Email, MemberRole Role, DateTimeOffset ExpiresAt);

    public sealed record AcceptRequest(string? Token);

    public sealed record AcceptResponse(Guid OrganisationId, MemberRole Role, bool AlreadyMember);

    public static IEndpointRouteBuilder MapInvitationsApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/directory/organisations/{id:guid}/invitations", InviteAsync).WithTags("Organisations").RequireAuthorization();
        endpoints.MapPost("/api/directory/invitations/accept", AcceptAsync).WithTags("Organisations").RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Created<InvitationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> InviteAsync(
        Guid id,
        InvitationRequest request,
        HttpContext context,
        OrganisationStore organisations,
        MembershipStore memberships,
        MembershipInvitationStore invitations,
        MailQueue mail,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null || !OrganisationAccess.CanSee(viewer, organisation))
        {
            return TypedResults.NotFound();
        }

        if (!OrganisationAccess.CanManageMembers(viewer, organisation))
        {
            return OrganisationsApi.Forbidden("Only the organisation's admins and coordinators invite people.");
        }

        var errors = new Dictionary<string, string[]>();
        if (OrganisationProfileRules.CheckEmail(request.Email) is { } emailProblem)
        {
            errors["email"] = [emailProblem];
        }

        if (request.Role is null)
        {
            errors["role"] = [$"Choose the role: {EnumCodes.AllOf<MemberRole>()}."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The invitation could not be sent.");
        }

        if (!viewer.IsCoordinator && await invitations.SentInLastDayAsync(id, cancellationToken) >= MembershipInvitationStore.DailyLimitPerOrganisation)
        {
            context.Response.Headers.RetryAfter = "3600";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: $"An organisation can send at most {MembershipInvitationStore.DailyLimitPerOrganisation} invitations a day.",
                detail: "Try again later, or ask a coordinator for help.");
        }

        var (token, hash) = OpaqueToken.Create();
        var invitation = await invitations.CreateAsync(id, request.Email!.Trim(), request.Role!.Value, hash, viewer.AccountId!.Value, cancellationToken);
        var link = AccountMails.Link(configuration.PublicBaseUrl(), OrganisationInvitationMail.AcceptPath, token);
        var text = OrganisationInvitationMail.For(organisation.Profile.Name, invitation.Role, link, invitation.ExpiresAt);
        mail.Enqueue(new OutgoingMail(invitation.Email, text.Subject, text.Text));
        return TypedResults.Created(
            $"/api/directory/organisations/{id}/members",
            new InvitationResponse(invitation.Id, id, invitation.Email, invitation.Role, invitation.ExpiresAt));
    }

    internal static async Task<Results<Ok<AcceptResponse>, ValidationProblem, NotFound, ProblemHttpResult>> AcceptAsync(
        AcceptRequest request, HttpContext context, AccountStore accounts, MembershipStore memberships, MembershipInvitationStore invitations, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        if (viewer.AccountId is not { } accountId || await accounts.FindAsync(accountId, cancellationToken) is not { } account)
        {
            return TypedResults.NotFound();
        }

        if (string.IsNullOrWhiteSpace(request.Token) || request.Token.Length > OpaqueToken.MaximumLength)
        {
            return Spent();
        }

        var (outcome, organisationId, role) = await invitations.AcceptAsync(OpaqueToken.Hash(request.Token.Trim()), accountId, account.Email, cancellationToken);
        return outcome switch
        {
            InvitationAcceptance.OtherAddress => TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "This invitation was sent to another e-mail address.",
                detail: "Sign in with the account of the address the invitation was sent to, or ask for an invitation to yours."),
            InvitationAcceptance.Spent => Spent(),
            _ => TypedResults.Ok(new AcceptResponse(organisationId!.Value, role!.Value, outcome == InvitationAcceptance.AlreadyMember)),
        };

        static ValidationProblem Spent() => TypedResults.ValidationProblem(
            new Dictionary<string, string[]> { ["token"] = ["This invitation does not work any more: it was used already or has expired. Ask for a new one."] },
            title: "The invitation could not be accepted.");
    }
}
