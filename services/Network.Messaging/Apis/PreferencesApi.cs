using Microsoft.AspNetCore.Http.HttpResults;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Security;

namespace Network.Messaging.Apis;

/// <summary>
/// How the signed-in person hears of each type of notification: `in_app`, `email` (at once, and
/// in-app), `digest` (in the daily summary mail, and in-app) or `off`. A PUT changes only the types
/// it names.
/// </summary>
public static class PreferencesApi
{
    /// <summary>Every notification type with its delivery, and the defaults for comparison.</summary>
    public sealed record PreferencesResponse(IReadOnlyDictionary<string, Delivery> Preferences, IReadOnlyDictionary<string, Delivery> Defaults);

    public sealed record PreferencesRequest(IReadOnlyDictionary<string, string?>? Preferences);

    public static IEndpointRouteBuilder MapPreferencesApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/messaging/preferences").WithTags("Preferences").RequireAuthorization();
        api.MapGet("/", GetAsync);
        api.MapPut("/", PutAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<PreferencesResponse>, UnauthorizedHttpResult>> GetAsync(
        HttpContext context, PreferenceStore preferences, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            return TypedResults.Unauthorized();
        }

        return TypedResults.Ok(Describe(await preferences.ReadAsync(accountId, cancellationToken)));
    }

    internal static async Task<Results<Ok<PreferencesResponse>, ValidationProblem, UnauthorizedHttpResult>> PutAsync(
        PreferencesRequest request, HttpContext context, PreferenceStore preferences, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            return TypedResults.Unauthorized();
        }

        var errors = new Dictionary<string, string[]>();
        var choices = new Dictionary<NotificationType, Delivery>();
        if (request.Preferences is null || request.Preferences.Count == 0)
        {
            errors["preferences"] = [$"Name at least one notification type and its delivery ({EnumCodes.AllOf<Delivery>()})."];
        }

        foreach (var (typeName, deliveryName) in request.Preferences ?? new Dictionary<string, string?>())
        {
            if (!EnumCodes.TryParse<NotificationType>(typeName, out var type))
            {
                errors[$"preferences.{typeName}"] = [$"'{typeName}' is not a notification type; choose from {EnumCodes.AllOf<NotificationType>()}."];
            }
            else if (!EnumCodes.TryParse<Delivery>(deliveryName, out var delivery))
            {
                errors[$"preferences.{typeName}"] = [$"'{deliveryName}' is not a delivery; choose {EnumCodes.AllOf<Delivery>()}."];
            }
            else
            {
                choices[type] = delivery;
            }
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The preferences could not be saved.");
        }

        await preferences.SaveAsync(accountId, choices, cancellationToken);
        return TypedResults.Ok(Describe(await preferences.ReadAsync(accountId, cancellationToken)));
    }

    private static PreferencesResponse Describe(IReadOnlyDictionary<NotificationType, Delivery> preferences) => new(
        preferences.ToDictionary(pair => EnumCodes.Of(pair.Key), pair => pair.Value),
        Enum.GetValues<NotificationType>().ToDictionary(EnumCodes.Of, NotificationDefaults.For));
}
