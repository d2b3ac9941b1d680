using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Network.Messaging.Data;
using Network.Messaging.Domain;
using Network.ServiceDefaults.Http;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.Messaging.Apis;

/// <summary>
/// Conversations between organisations: a shared inbox of each participating organisation, which
/// every member of it sees. Who may open one is <see cref="FirstContactPolicy"/>. Someone who is not a
/// member of a participating organisation gets 404, as if the conversation did not exist; an
/// organisation that cannot be written to (unknown, or not verified) is answered with 404 too.
/// </summary>
public static class ConversationsApi
{
    public sealed record StartConversationRequest(Guid? FromOrganisationId, Guid? ToOrganisationId, string? Subject, string? Text);

    public sealed record PostMessageRequest(Guid? FromOrganisationId, string? Text);

    public sealed record MarkReadRequest(Guid? OrganisationId);

    public sealed record StartedConversation(Conversation Conversation, Message Message);

    public static IEndpointRouteBuilder MapConversationsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/messaging/conversations").WithTags("Conversations").RequireAuthorization();
        api.MapGet("/", ListAsync);
        api.MapPost("/", StartAsync);
        api.MapGet("/{id:guid}", GetAsync);
        api.MapGet("/{id:guid}/messages", MessagesAsync);
        api.MapPost("/{id:guid}/messages", PostAsync);
        api.MapPost("/{id:guid}/read", MarkReadAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<Page<Conversation>>, ValidationProblem, ProblemHttpResult>> ListAsync(
        HttpContext context, ConversationStore conversations, Guid? organisationId, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        var mine = context.User.Memberships().Keys.ToHashSet();
        var errors = new Dictionary<string, string[]>();
        var (pageSize, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (organisationId is { } only && !mine.Contains(only))
        {
            return Forbidden("You can only read the conversations of organisations you belong to.");
        }

        IReadOnlyCollection<Guid> of = organisationId is { } chosen ? [chosen] : mine;
        if (of.Count == 0)
        {
            return TypedResults.Ok(new Page<Conversation>([], null));
        }

        var rows = await conversations.PageAsync(of, pageSize + 1, after, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, pageSize, c => (c.LastMessageAt, c.Id)));
    }

    internal static async Task<Results<Created<StartedConversation>, ValidationProblem, NotFound<ProblemDetails>, ProblemHttpResult>> StartAsync(
        StartConversationRequest request, HttpContext context, ConversationStore conversations, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var mine = context.User.Memberships();
        var errors = new Dictionary<string, string[]>();
        if (request.FromOrganisationId is not { } from)
        {
            errors["fromOrganisationId"] = ["Name the organisation you write for."];
        }
        else if (!mine.ContainsKey(from))
        {
            return Forbidden("You can only write for organisations you belong to.");
        }

        if (request.ToOrganisationId is not { } to)
        {
            errors["toOrganisationId"] = ["Name the organisation you write to."];
        }
        else if (to == request.FromOrganisationId)
        {
            errors["toOrganisationId"] = ["An organisation cannot write to itself."];
        }

        AddProblem(errors, "subject", ConversationRules.SubjectProblem(request.Subject));
        AddProblem(errors, "text", ConversationRules.TextProblem(request.Text));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The conversation could not be started.");
        }

        if (context.User.AccountId() is not { } accountId)
        {
            return Forbidden("Only accounts of this platform can write.");
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            var recipient = await DirectoryReadModel.FindOrganisationAsync(request.ToOrganisationId!.Value, connection, null, cancellationToken);
            if (!FirstContactPolicy.CanBeWrittenTo(recipient))
            {
                return TypedResults.NotFound(new ProblemDetails
                {
                    Status = StatusCodes.Status404NotFound,
                    Title = "There is no organisation to write to with this id.",
                    Detail = "toOrganisationId names no verified organisation of the network.",
                });
            }

            var sender = await DirectoryReadModel.FindOrganisationAsync(request.FromOrganisationId!.Value, connection, null, cancellationToken);
            var partners = await PartnershipReadModel.ArePartnersAsync(connection, sender?.Id ?? Guid.Empty, recipient!.Id, cancellationToken);
            var refusal = sender is null ? FirstContactRefusal.SenderNotVerified : FirstContactPolicy.RefusalOf(sender, recipient, partners);
            switch (refusal)
            {
                case FirstContactRefusal.SenderNotVerified:
                    return Forbidden("Your organisation can write to others once the coordinators have verified it (and while it is not suspended).");
                case FirstContactRefusal.PartnersOnly:
                    return Forbidden("This organisation takes first contact only from its partners. Find it through a match suggestion instead.");
            }
        }

        var (conversation, message) = await conversations.StartAsync(
            request.FromOrganisationId!.Value, request.ToOrganisationId!.Value, request.Subject!.Trim(), request.Text!, accountId, cancellationToken);
        return TypedResults.Created($"/api/messaging/conversations/{conversation.Id}", new StartedConversation(conversation, message));
    }

    internal static async Task<Results<Ok<Conversation>, NotFound>> GetAsync(
        Guid id, HttpContext context, ConversationStore conversations, CancellationToken cancellationToken)
    {
        var mine = context.User.Memberships().Keys.ToHashSet();
        var conversation = await conversations.FindAsync(id, mine, cancellationToken);
        return conversation is not null && conversation.Participants.Any(p => mine.Contains(p.OrganisationId))
            ? TypedResults.Ok(conversation)
            : TypedResults.NotFound();
    }

    internal static async Task<Results<Ok<Page<Message>>, ValidationProblem, NotFound>> MessagesAsync(
        Guid id, HttpContext context, ConversationStore conversations, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (await MyParticipantsAsync(id, context, conversations, cancellationToken) is not { Count: > 0 })
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var (pageSize, after) = Paging.Read(limit, cursor, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var rows = await conversations.MessagesAsync(id, pageSize + 1, after, cancellationToken);
        return TypedResults.Ok(Paging.ToPage(rows, pageSize, m => (m.CreatedAt, m.Id)));
    }

    internal static async Task<Results<Created<Message>, ValidationProblem, NotFound, ProblemHttpResult>> PostAsync(
        Guid id, PostMessageRequest request, HttpContext context, ConversationStore conversations, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        var myParticipants = await MyParticipantsAsync(id, context, conversations, cancellationToken);
        if (myParticipants.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var from = ChooseOrganisation(request.FromOrganisationId, myParticipants, "fromOrganisationId", errors);
        AddProblem(errors, "text", ConversationRules.TextProblem(request.Text));
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The message could not be sent.");
        }

        if (context.User.AccountId() is not { } accountId)
        {
            return Forbidden("Only accounts of this platform can write.");
        }

        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            if (!FirstContactPolicy.MayReply(await DirectoryReadModel.FindOrganisationAsync(from, connection, null, cancellationToken)))
            {
                return Forbidden("Your organisation can write again once it is verified and not suspended.");
            }
        }

        var message = await conversations.PostAsync(id, from, accountId, request.Text!, cancellationToken);
        return TypedResults.Created($"/api/messaging/conversations/{id}/messages", message);
    }

    internal static async Task<Results<NoContent, ValidationProblem, NotFound>> MarkReadAsync(
        Guid id, MarkReadRequest? request, HttpContext context, ConversationStore conversations, CancellationToken cancellationToken)
    {
        var myParticipants = await MyParticipantsAsync(id, context, conversations, cancellationToken);
        if (myParticipants.Count == 0)
        {
            return TypedResults.NotFound();
        }

        var errors = new Dictionary<string, string[]>();
        var organisation = ChooseOrganisation(request?.OrganisationId, myParticipants, "organisationId", errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        await conversations.MarkReadAsync(id, organisation, cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>The caller's organisations that take part in the conversation; none when it does not exist or the caller is not in it.</summary>
    private static async Task<IReadOnlyList<Guid>> MyParticipantsAsync(Guid id, HttpContext context, ConversationStore conversations, CancellationToken cancellationToken)
    {
        var mine = context.User.Memberships();
        return (await conversations.ParticipantsAsync(id, cancellationToken)).Where(mine.ContainsKey).ToList();
    }

    /// <summary>The organisation the caller acts for: the one named, or their only one in the conversation.</summary>
    private static Guid ChooseOrganisation(Guid? named, IReadOnlyList<Guid> myParticipants, string field, Dictionary<string, string[]> errors)
    {
        if (named is { } organisationId)
        {
            if (!myParticipants.Contains(organisationId))
            {
                errors[field] = ["Name an organisation you belong to that takes part in this conversation."];
            }

            return organisationId;
        }

        if (myParticipants.Count > 1)
        {
            errors[field] = ["You belong to more than one organisation in this conversation: name the one you act for."];
            return Guid.Empty;
        }

        return myParticipants[0];
    }

    private static void AddProblem(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not allowed.", detail: detail);
}
