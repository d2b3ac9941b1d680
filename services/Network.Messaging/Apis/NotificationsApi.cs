using Microsoft.AspNetCore.Http.HttpResults;
using Network.Messaging.Data;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;

namespace Network.Messaging.Apis;

/// <summary>The signed-in person's notification inbox.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/messaging/notifications").WithTags("Notifications").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapPost("/{id:guid}/read", MarkReadAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<Page<Notification>>, ValidationProblem>> ListAsync(
        HttpContext context, NotificationStore notifications, bool? unreadOnly, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var (pageSize, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await notifications.PageAsync(AccountId(context), unreadOnly ?? false, pageSize + 1, after, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, pageSize, n => (n.CreatedAt, n.Id)));
    }

    internal static async Task<Results<NoContent, NotFound>> MarkReadAsync(
        Guid id, HttpContext context, NotificationStore notifications, CancellationToken cancellationToken) =>
        await notifications.MarkReadAsync(AccountId(context), id, cancellationToken) ? TypedResults.NoContent() : TypedResults.NotFound();

    // A subject that is not one of our account ids (an external provider's) owns nothing here.
    private static Guid AccountId(HttpContext context) => context.User.AccountId() ?? Guid.Empty;
}
