using Microsoft.AspNetCore.Http.HttpResults;
using Network.Events.Data;
using Network.Events.Domain;
using Network.ServiceDefaults.Http;

namespace Network.Events.Apis;

/// <summary>
/// Round-table boards: the organiser opens one with columns ("what works", "challenges", "ideas");
/// confirmed participants and the organiser read it and post, anonymously if they choose. Posts can
/// be reported and coordinators hide them (`contentType: board_post`); hidden posts are shown only
/// to the organiser, with the reason.
/// </summary>
public static class BoardsApi
{
    public sealed record OpenBoardRequest(IReadOnlyList<string>? Columns);

    public sealed record PostRequest(Guid? ColumnId, string? Text, bool? Anonymous);

    public sealed record PostResponse(Guid Id, Guid ColumnId, string Text, bool Anonymous, bool Mine, bool? Hidden, string? HiddenReason, DateTimeOffset CreatedAt);

    public sealed record ColumnResponse(Guid Id, string Title, IReadOnlyList<PostResponse> Posts);

    public sealed record BoardResponse(Guid EventId, IReadOnlyList<ColumnResponse> Columns);

    public static readonly IReadOnlyList<string> DefaultColumns = ["Was gut läuft", "Herausforderungen", "Ideen"];
    public const int MaximumColumns = 10;
    public const int MaximumColumnTitleLength = 100;
    public const int MaximumPostLength = 2_000;

    public static IEndpointRouteBuilder MapBoardsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/events/events/{id:guid}/board").WithTags("Boards").RequireAuthorization();
        api.MapPost("/", OpenAsync);
        api.MapGet("/", ReadAsync);
        api.MapPost("/posts", PostAsync);
        return endpoints;
    }

    internal static async Task<Results<Created<BoardResponse>, ValidationProblem, NotFound, ProblemHttpResult>> OpenAsync(
        Guid id, OpenBoardRequest? request, HttpContext context, EventStore events, BoardStore boards, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return TypedResults.NotFound();
        }

        if (!EventAccess.CanOrganise(viewer, @event))
        {
            return EventsApi.Forbidden("Only the organiser opens the board.");
        }

        if (@event.Kind != EventKind.RoundTable)
        {
            return EventsApi.Conflict("Boards are for round tables.");
        }

        var columns = request?.Columns is { Count: > 0 } given ? given.Select(c => c?.Trim() ?? string.Empty).ToList() : DefaultColumns.ToList();
        if (columns.Count > MaximumColumns
            || columns.Any(c => c.Length is 0 or > MaximumColumnTitleLength || TextRules.HasControlCharacters(c, allowLineBreaks: false)))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["columns"] = [$"1 to {MaximumColumns} column titles, each one line of 1 to {MaximumColumnTitleLength} characters."] },
                title: "The board could not be opened.");
        }

        if (!await boards.OpenAsync(id, columns, cancellationToken))
        {
            return EventsApi.Conflict("The board is open already.");
        }

        return TypedResults.Created($"/api/events/events/{id}/board", await DescribeAsync(viewer, @event, boards, cancellationToken));
    }

    internal static async Task<Results<Ok<BoardResponse>, NotFound, ProblemHttpResult>> ReadAsync(
        Guid id, HttpContext context, EventStore events, RegistrationStore registrations, BoardStore boards, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var (@event, refusal) = await ParticipantAsync(id, viewer, events, registrations, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        return TypedResults.Ok(await DescribeAsync(viewer, @event!, boards, cancellationToken));
    }

    internal static async Task<Results<Created<PostResponse>, ValidationProblem, NotFound, ProblemHttpResult>> PostAsync(
        Guid id, PostRequest request, HttpContext context, EventStore events, RegistrationStore registrations, BoardStore boards, CancellationToken cancellationToken)
    {
        var viewer = await context.EventViewerAsync();
        var (@event, refusal) = await ParticipantAsync(id, viewer, events, registrations, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var (columns, _) = await boards.ReadAsync(id, cancellationToken);
        var errors = new Dictionary<string, string[]>();
        if (request.ColumnId is not { } columnId || columns.All(c => c.Id != columnId))
        {
            errors["columnId"] = ["Choose a column of this board."];
        }

        var text = request.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaximumPostLength || TextRules.HasControlCharacters(text, allowLineBreaks: true))
        {
            errors["text"] = [$"Write 1 to {MaximumPostLength} characters, without control characters."];
        }

        // Asked every time rather than defaulted: posting under one's name by omission is the mistake to avoid.
        if (request.Anonymous is null)
        {
            errors["anonymous"] = ["Say whether the post is anonymous (true) or under your name (false)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The post could not be added.");
        }

        var post = await boards.PostAsync(@event!.Id, request.ColumnId!.Value, viewer.AccountId!.Value, request.Anonymous!.Value, text!, cancellationToken);
        return TypedResults.Created($"/api/events/events/{id}/board", Describe(viewer, @event, post));
    }

    /// <summary>The event when the caller may use its board: the organiser, or a confirmed participant.</summary>
    private static async Task<(Event? Event, ProblemHttpResult? Refusal)> ParticipantAsync(
        Guid id, EventViewer viewer, EventStore events, RegistrationStore registrations, CancellationToken cancellationToken)
    {
        var @event = await events.FindAsync(id, cancellationToken);
        if (@event is null || !EventAccess.CanSee(viewer, @event))
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "There is no such event."));
        }

        if (!EventAccess.CanOrganise(viewer, @event)
            && (await registrations.FindActiveAsync(id, viewer.AccountId!.Value, cancellationToken))?.Status != RegistrationStatus.Confirmed)
        {
            return (null, EventsApi.Forbidden("The board is for the participants and the organiser."));
        }

        if (!@event.BoardOpen)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "This event has no board."));
        }

        return (@event, null);
    }

    private static async Task<BoardResponse> DescribeAsync(EventViewer viewer, Event @event, BoardStore boards, CancellationToken cancellationToken)
    {
        var (columns, posts) = await boards.ReadAsync(@event.Id, cancellationToken);
        var organiser = EventAccess.CanOrganise(viewer, @event);
        return new BoardResponse(@event.Id, columns.Select(column => new ColumnResponse(
            column.Id,
            column.Title,
            posts.Where(p => p.ColumnId == column.Id && (organiser || p.HiddenAt is null)).Select(p => Describe(viewer, @event, p)).ToList())).ToList());
    }

    private static PostResponse Describe(EventViewer viewer, Event @event, BoardPost post)
    {
        var organiser = EventAccess.CanOrganise(viewer, @event);
        return new PostResponse(
            post.Id,
            post.ColumnId,
            post.Text,
            post.Anonymous,
            post.AuthorAccountId is not null && post.AuthorAccountId == viewer.AccountId,
            organiser ? post.HiddenAt is not null : null,
            organiser ? post.HiddenReason : null,
            BerlinTime.ToBerlin(post.CreatedAt));
    }
}
