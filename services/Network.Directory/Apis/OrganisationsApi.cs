using Microsoft.AspNetCore.Http.HttpResults;
using Network.Directory.Data;
using Network.Directory.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Directory.Apis;

/// <summary>
/// Organisations: registering, the public directory and its search, profiles with optimistic
/// concurrency, and the coordinators' verification and suspension. Who may see and do what is
/// <see cref="OrganisationAccess"/>; an organisation someone may not see answers 404, as if it
/// did not exist.
/// </summary>
public static class OrganisationsApi
{
    public const int MaximumReasonLength = 2_000;

    public sealed record CreateOrganisationRequest(
        string? Name,
        OrganisationKind? Kind,
        string? Description,
        IReadOnlyList<string>? Regions,
        IReadOnlyList<string>? Topics,
        IReadOnlyList<string>? Languages,
        IReadOnlyList<string>? TargetGroups,
        string? Website,
        string? Email,
        string? Phone,
        string? Address,
        IReadOnlyList<ContactPerson>? ContactPersons);

    /// <summary>A partial update: the fields sent change (null clears an optional one), the others stay.</summary>
    public sealed record UpdateOrganisationRequest
    {
        public Optional<string?> Name { get; init; }

        public Optional<OrganisationKind> Kind { get; init; }

        public Optional<string?> Description { get; init; }

        public Optional<IReadOnlyList<string>?> Regions { get; init; }

        public Optional<IReadOnlyList<string>?> Topics { get; init; }

        public Optional<IReadOnlyList<string>?> Languages { get; init; }

        public Optional<IReadOnlyList<string>?> TargetGroups { get; init; }

        public Optional<string?> Website { get; init; }

        public Optional<string?> Email { get; init; }

        public Optional<string?> Phone { get; init; }

        public Optional<string?> Address { get; init; }

        public Optional<IReadOnlyList<ContactPerson>?> ContactPersons { get; init; }
    }

    public enum VerificationDecision
    {
        Verify,
        Reject,
    }

    public sealed record VerificationRequest(VerificationDecision? Decision, string? Reason);

    public sealed record SuspensionRequest(bool? Suspended, string? Reason);

    /// <summary>
    /// An organisation as the caller may see it. Contact data (email, phone, contactPersons) is null
    /// unless <c>contactDataVisible</c>; the status reason and moderation state only reach its
    /// members and coordinators.
    /// </summary>
    public sealed record OrganisationResponse(
        Guid Id,
        string Name,
        OrganisationKind Kind,
        OrganisationStatus Status,
        string Description,
        IReadOnlyList<string> Regions,
        IReadOnlyList<string> Topics,
        IReadOnlyList<string> Languages,
        IReadOnlyList<string> TargetGroups,
        string? Website,
        string? Address,
        bool ContactDataVisible,
        string? Email,
        string? Phone,
        IReadOnlyList<ContactPerson>? ContactPersons,
        MemberRole? MyRole,
        string? StatusReason,
        bool? Hidden,
        string? HiddenReason,
        DateTimeOffset CreatedAt,
        DateTimeOffset UpdatedAt,
        DateTimeOffset? VerifiedAt,
        int Version);

    public static IEndpointRouteBuilder MapOrganisationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/directory/organisations").WithTags("Organisations");
        api.MapPost("/", RegisterAsync).RequireAuthorization();
        api.MapGet("/", SearchAsync).AllowAnonymous();
        api.MapGet("/{id:guid}", GetAsync).AllowAnonymous();
        api.MapPatch("/{id:guid}", UpdateAsync).RequireAuthorization();
        api.MapPost("/{id:guid}/verification", DecideVerificationAsync).RequireAuthorization();
        api.MapPost("/{id:guid}/suspension", SetSuspensionAsync).RequireAuthorization();
        return endpoints;
    }

    internal static async Task<Results<Created<OrganisationResponse>, ValidationProblem, UnauthorizedHttpResult>> RegisterAsync(
        CreateOrganisationRequest request, HttpContext context, OrganisationStore organisations, MembershipStore memberships, AccountStore accounts, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        // A valid token may name no account of ours (an external identity provider's, or one
        // erased since): such a caller cannot be made anyone's org_admin.
        if (viewer.AccountId is not { } accountId || await accounts.FindAsync(accountId, cancellationToken) is null)
        {
            return TypedResults.Unauthorized();
        }

        var (profile, errors) = OrganisationProfileRules.Validate(new OrganisationDraft(
            request.Name, request.Kind, request.Description, request.Regions, request.Topics, request.Languages, request.TargetGroups,
            request.Website, request.Email, request.Phone, request.Address, request.ContactPersons));
        if (profile is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The organisation could not be registered.");
        }

        var organisation = await organisations.RegisterAsync(profile, accountId, cancellationToken);
        viewer = viewer with { Memberships = new Dictionary<Guid, MemberRole>(viewer.Memberships) { [organisation.Id] = MemberRole.OrgAdmin } };
        ETags.Set(context.Response, organisation.Version);
        return TypedResults.Created($"/api/directory/organisations/{organisation.Id}", Describe(viewer, organisation));
    }

    internal static async Task<Results<Ok<Page<OrganisationResponse>>, ValidationProblem, ProblemHttpResult>> SearchAsync(
        HttpContext context,
        OrganisationStore organisations,
        MembershipStore memberships,
        string? query,
        string? kind,
        string[]? region,
        string[]? topic,
        string[]? language,
        string[]? targetGroup,
        string? status,
        int? limit,
        string? cursor,
        CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        var (criteria, errors, forbidden) = OrganisationSearch.Read(viewer, query, kind, region, topic, language, targetGroup, status, limit, cursor);
        if (forbidden)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Only coordinators may list organisations that are not verified.");
        }

        if (criteria is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The search could not be run.");
        }

        var rows = await organisations.SearchAsync(criteria, cancellationToken);
        var items = rows.Take(criteria.Limit).Select(organisation => Describe(viewer, organisation)).ToList();
        string? next = null;
        if (rows.Count > criteria.Limit)
        {
            var last = items[^1];
            next = (criteria.ByRelevance
                ? new OrganisationSearchCursor(null, null, (criteria.After?.Offset ?? 0) + criteria.Limit)
                : new OrganisationSearchCursor(last.Name, last.Id, null)).Encode();
        }

        return TypedResults.Ok(new Page<OrganisationResponse>(items, next));
    }

    internal static async Task<Results<Ok<OrganisationResponse>, NotFound>> GetAsync(
        Guid id, HttpContext context, OrganisationStore organisations, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null || !OrganisationAccess.CanSee(viewer, organisation))
        {
            return TypedResults.NotFound();
        }

        ETags.Set(context.Response, organisation.Version);
        return TypedResults.Ok(Describe(viewer, organisation));
    }

    internal static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> UpdateAsync(
        Guid id, UpdateOrganisationRequest request, HttpContext context, OrganisationStore organisations, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null || !OrganisationAccess.CanSee(viewer, organisation))
        {
            return TypedResults.NotFound();
        }

        if (!OrganisationAccess.CanEdit(viewer, organisation))
        {
            return Forbidden("Only the organisation's admins and coordinators may edit its profile.");
        }

        switch (ETags.CheckIfMatch(context.Request, organisation.Version))
        {
            case IfMatchOutcome.Missing:
                return ETags.PreconditionRequired();
            case IfMatchOutcome.Stale:
                return ETags.PreconditionFailed(organisation.Version);
        }

        var current = organisation.Profile;
        var (profile, errors) = OrganisationProfileRules.Validate(new OrganisationDraft(
            request.Name.Or(current.Name),
            request.Kind.IsSet ? request.Kind.Value : current.Kind,
            request.Description.Or(current.Description),
            request.Regions.Or(current.Regions),
            request.Topics.Or(current.Topics),
            request.Languages.Or(current.Languages),
            request.TargetGroups.Or(current.TargetGroups),
            request.Website.Or(current.Website),
            request.Email.Or(current.Email),
            request.Phone.Or(current.Phone),
            request.Address.Or(current.Address),
            request.ContactPersons.Or(current.ContactPersons)));
        if (profile is null)
        {
            return TypedResults.ValidationProblem(errors, title: "The profile could not be changed.");
        }

        var status = OrganisationLifecycle.After(organisation.Status, OrganisationChange.EditProfile) ?? organisation.Status;
        var updated = await organisations.UpdateProfileAsync(id, organisation.Version, profile, status, cancellationToken);
        if (updated is null)
        {
            // Changed between our read and our write: the client's version is stale now.
            return ETags.PreconditionFailed((await organisations.FindAsync(id, cancellationToken))?.Version ?? organisation.Version);
        }

        ETags.Set(context.Response, updated.Version);
        return TypedResults.Ok(Describe(viewer, updated));
    }

    internal static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> DecideVerificationAsync(
        Guid id, VerificationRequest request, HttpContext context, OrganisationStore organisations, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        if (!viewer.IsCoordinator)
        {
            return Forbidden("Only coordinators verify organisations.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Decision is null)
        {
            errors["decision"] = ["Choose 'verify' or 'reject'."];
        }

        var reason = CheckReason(request.Reason, required: request.Decision == VerificationDecision.Reject, "Say why the organisation is rejected; it is told.", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The decision could not be recorded.");
        }

        var change = request.Decision == VerificationDecision.Verify ? OrganisationChange.Verify : OrganisationChange.Reject;
        return await ChangeStatusAsync(id, change, reason, viewer, context, organisations, cancellationToken);
    }

    internal static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> SetSuspensionAsync(
        Guid id, SuspensionRequest request, HttpContext context, OrganisationStore organisations, MembershipStore memberships, CancellationToken cancellationToken)
    {
        var viewer = await memberships.ViewerAsync(context.User, cancellationToken);
        if (!viewer.IsCoordinator)
        {
            return Forbidden("Only coordinators suspend and reinstate organisations.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Suspended is null)
        {
            errors["suspended"] = ["Say whether the organisation is to be suspended (true) or reinstated (false)."];
        }

        var reason = CheckReason(request.Reason, required: request.Suspended == true, "Say why the organisation is suspended; it is told.", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The suspension could not be changed.");
        }

        var change = request.Suspended == true ? OrganisationChange.Suspend : OrganisationChange.Reinstate;
        return await ChangeStatusAsync(id, change, reason, viewer, context, organisations, cancellationToken);
    }

    /// <summary>The profile as <paramref name="viewer"/> may see it.</summary>
    internal static OrganisationResponse Describe(Viewer viewer, Organisation organisation)
    {
        var contactData = OrganisationAccess.CanSeeContactData(viewer, organisation);
        var insider = OrganisationAccess.CanSeeMembers(viewer, organisation);
        var profile = organisation.Profile;
        return new OrganisationResponse(
            organisation.Id,
            profile.Name,
            profile.Kind,
            organisation.Status,
            profile.Description,
            profile.Regions,
            profile.Topics,
            profile.Languages,
            profile.TargetGroups,
            profile.Website,
            profile.Address,
            contactData,
            contactData ? profile.Email : null,
            contactData ? profile.Phone : null,
            contactData ? profile.ContactPersons : null,
            viewer.RoleIn(organisation.Id),
            insider ? organisation.StatusReason : null,
            insider ? organisation.IsHidden : null,
            insider ? organisation.HiddenReason : null,
            organisation.CreatedAt,
            organisation.UpdatedAt,
            organisation.VerifiedAt,
            organisation.Version);
    }

    internal static ProblemHttpResult Forbidden(string title) => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: title);

    private static async Task<Results<Ok<OrganisationResponse>, ValidationProblem, NotFound, ProblemHttpResult>> ChangeStatusAsync(
        Guid id, OrganisationChange change, string? reason, Viewer viewer, HttpContext context, OrganisationStore organisations, CancellationToken cancellationToken)
    {
        var organisation = await organisations.FindAsync(id, cancellationToken);
        if (organisation is null)
        {
            return TypedResults.NotFound();
        }

        if (OrganisationLifecycle.After(organisation.Status, change) is not { } next)
        {
            return Conflict(organisation.Status, change);
        }

        var changed = await organisations.ChangeStatusAsync(id, organisation.Status, next, change, reason, viewer.AccountId!.Value, cancellationToken);
        if (changed is null)
        {
            // Another coordinator decided first; report the state they left.
            var now = await organisations.FindAsync(id, cancellationToken);
            return now is null ? TypedResults.NotFound() : Conflict(now.Status, change);
        }

        ETags.Set(context.Response, changed.Version);
        return TypedResults.Ok(Describe(viewer, changed));
    }

    private static ProblemHttpResult Conflict(OrganisationStatus status, OrganisationChange change) => TypedResults.Problem(
        statusCode: StatusCodes.Status409Conflict,
        title: OrganisationLifecycle.Refusal(status, change),
        extensions: new Dictionary<string, object?> { ["organisationStatus"] = EnumCodes.Of(status) });

    private static string? CheckReason(string? reason, bool required, string missing, Dictionary<string, string[]> errors)
    {
        var trimmed = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (trimmed is null && required)
        {
            errors["reason"] = [missing];
        }
        else if (trimmed is not null && (trimmed.Length > MaximumReasonLength || TextRules.HasControlCharacters(trimmed, allowLineBreaks: true)))
        {
            errors["reason"] = [$"The reason may have at most {MaximumReasonLength} characters, and line breaks but no other control characters."];
        }

        return trimmed;
    }
}
