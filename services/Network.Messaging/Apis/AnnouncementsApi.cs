using Microsoft.AspNetCore.Http.HttpResults;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;

namespace Network.Messaging.Apis;

/// <summary>
/// Coordinators' announcements to an audience of organisations chosen by kind, region and topic
/// (<see cref="AnnouncementAudience"/>). Sending answers 202 at once with the pending announcement;
/// the fan-out to the audience's members runs in the background (<see cref="Background.AnnouncementFanOut"/>),
/// and the announcement's `status` turns `delivered` with the number of people notified. Coordinators
/// see every announcement; everyone else those they received.
/// </summary>
public static class AnnouncementsApi
{
    public sealed record AudienceRequest(IReadOnlyList<string>? Kinds, IReadOnlyList<string>? Regions, IReadOnlyList<string>? Topics);

    public sealed record AnnouncementRequest(string? Title, string? Body, AudienceRequest? Audience);

    public sealed record AnnouncementResponse(
        Guid Id, string Title, string Body, AudienceRequest Audience, string Status, int? RecipientCount, DateTime CreatedAt, DateTime? DeliveredAt);

    public static IEndpointRouteBuilder MapAnnouncementsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/messaging/announcements").WithTags("Announcements").RequireAuthorization();
        api.MapPost("/", SendAsync).RequireAuthorization(policy => policy.RequireRole(NetworkClaims.CoordinatorRole));
        api.MapGet("/", ListAsync);
        api.MapGet("/{id:guid}", GetAsync);
        return endpoints;
    }

    internal static async Task<Results<Accepted<AnnouncementResponse>, ValidationProblem, ProblemHttpResult>> SendAsync(
        AnnouncementRequest request, HttpContext context, AnnouncementStore announcements, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var valid = AnnouncementRules.Validate(
            new AnnouncementRules.Draft(request.Title, request.Body, request.Audience?.Kinds, request.Audience?.Regions, request.Audience?.Topics), errors);
        if (valid is not { } announcement)
        {
            return TypedResults.ValidationProblem(errors, title: "The announcement could not be sent.");
        }

        if (context.User.AccountId() is not { } coordinatorAccountId)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Only accounts of this platform can send announcements.");
        }

        var created = await announcements.CreateAsync(announcement.Title, announcement.Body, announcement.Audience, coordinatorAccountId, cancellationToken);
        return TypedResults.Accepted($"/api/messaging/announcements/{created.Id}", Describe(created));
    }

    internal static async Task<Results<Ok<Page<AnnouncementResponse>>, ValidationProblem>> ListAsync(
        HttpContext context, AnnouncementStore announcements, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await announcements.PageAsync(RecipientFilter(context), pageSize + 1, after, cancellationToken);
        var page = Paging.ToPage(rows, pageSize, a => (a.CreatedAt, a.Id));
        return TypedResults.Ok(new Page<AnnouncementResponse>(page.Items.Select(Describe).ToList(), page.NextCursor));
    }

    internal static async Task<Results<Ok<AnnouncementResponse>, NotFound>> GetAsync(
        Guid id, HttpContext context, AnnouncementStore announcements, CancellationToken cancellationToken) =>
        await announcements.FindAsync(id, RecipientFilter(context), cancellationToken) is { } announcement
            ? TypedResults.Ok(Describe(announcement))
            : TypedResults.NotFound();

    /// <summary>Null for coordinators (they see all), else the caller, who sees what reached them.</summary>
    private static Guid? RecipientFilter(HttpContext context) =>
        context.User.IsInRole(NetworkClaims.CoordinatorRole) ? null : context.User.AccountId() ?? Guid.Empty;

    private static AnnouncementResponse Describe(Announcement announcement) => new(
        announcement.Id,
        announcement.Title,
        announcement.Body,
        new AudienceRequest(announcement.Audience.Kinds, announcement.Audience.Regions, announcement.Audience.Topics),
        announcement.Status,
        announcement.RecipientCount,
        announcement.CreatedAt,
        announcement.DeliveredAt);
}
