using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Data;
using Network.Events.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Events.Apis;

/// <summary>Feedback after the event: a rating and a comment, anonymous if the registrant chooses.</summary>
public static class FeedbackApi
{
    public sealed record FeedbackRequest(int? Rating, string? Text, bool? Anonymous);

    public sealed record FeedbackItem(Guid Id, int Rating, string? Text, bool Anonymous, string? ParticipantName, DateTimeOffset CreatedAt);

    public sealed record FeedbackSummary(int Count, double? AverageRating, IReadOnlyDictionary<string, int> Ratings, IReadOnlyList<FeedbackItem> Items);

    public const int MaximumTextLength = 2_000;

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/events/events/{id:guid}/feedback").WithTags("Feedback").RequireAuthorization();
        api.MapPost("/", GiveAsync);
        api.MapGet("/", ListAsync);
        return endpoints;
    }

    /// <summary>
    /// A confirmed registrant, once the event has begun, gives feedback once (409 the second time).
    /// Anonymous feedback stores no account id.
    /// </summary>
    internal static async Task<Results<Created, ValidationProblem, NotFound, ProblemHttpResult>> GiveAsync(
        Guid id, FeedbackRequest request, HttpContext context, EventStore events, RegistrationStore registrations, FeedbackStore feedback, TimeProvider time, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        var registration = await registrations.FindActiveAsync(id, viewer.AccountId!.Value, cancellationToken);
        if (registration is not { Status: RegistrationStatus.Confirmed })
        {
            return EventsApi.Forbidden("Only confirmed participants give feedback.");
        }

        if (time.GetUtcNow() < @event.FirstStartsAt)
        {
            return EventsApi.Conflict("Feedback opens when the event begins.");
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Rating is not (>= 1 and <= 5))
        {
            errors["rating"] = ["Rate from 1 to 5."];
        }

        var text = string.IsNullOrWhiteSpace(request.Text) ? null : request.Text.Trim();
        if (text is not null && (text.Length > MaximumTextLength || TextRules.HasControlCharacters(text, allowLineBreaks: true)))
        {
            errors["text"] = [$"At most {MaximumTextLength} characters, without control characters."];
        }

        if (request.Anonymous is null)
        {
            errors["anonymous"] = ["Say whether the feedback is anonymous (true or false)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The feedback could not be given.");
        }

        var created = await feedback.GiveAsync(id, registration.Id, viewer.AccountId.Value, request.Rating!.Value, text, request.Anonymous!.Value, cancellationToken);
        if (created is null)
        {
            return EventsApi.Conflict("You gave feedback for this event already.");
        }

        return TypedResults.Created($"/api/events/events/{id}/feedback/{created}");
    }

    /// <summary>The organiser reads the feedback, with the names of those who did not stay anonymous.</summary>
    internal static async Task<Results<Ok<FeedbackSummary>, NotFound, ProblemHttpResult>> ListAsync(
        Guid id, HttpContext context, EventStore events, FeedbackStore feedback, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        if (!EventAccess.CanOrganise(viewer, @event))
        {
            return EventsApi.Forbidden("Only the organiser reads the feedback.");
        }

        var entries = await feedback.ListAsync(id, cancellationToken);
        return TypedResults.Ok(new FeedbackSummary(
            entries.Count,
            entries.Count == 0 ? null : Math.Round(entries.Average(e => e.Rating), 2),
            Enumerable.Range(1, 5).ToDictionary(rating => rating.ToString(System.Globalization.CultureInfo.InvariantCulture), rating => entries.Count(e => e.Rating == rating)),
            entries.Select(e => new FeedbackItem(e.Id, e.Rating, e.Text, e.Anonymous, e.Anonymous ? null : e.ParticipantName, BerlinTime.ToBerlin(e.CreatedAt))).ToList()));
    }
}
