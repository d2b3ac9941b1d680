using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Network.Contracts.Directory;
using Network.ServiceDefaults;
using Network.ServiceDefaults.Messaging;
using Network.ServiceDefaults.PersonalData;
using Network.ServiceDefaults.Security;
using Npgsql;

namespace Network.Directory.Apis;

/// <summary>
/// A person's own data across the platform: the export gathers every service's part into one
/// document; erasure anonymises the account here, in one transaction with the event that tells
/// every other service to erase its part.
/// </summary>
public static class PersonalDataApi
{
    public const string HttpClientName = "personal-data";

    /// <summary>The services asked for their part, each at NETWORK_{NAME}_URL.</summary>
    public static readonly IReadOnlyList<(string Name, string DefaultUrl)> OtherServices =
    [
        ("matching", "http://127.0.0.1:5102"),
        ("events", "http://127.0.0.1:5103"),
        ("messaging", "http://127.0.0.1:5104"),
    ];

    public sealed record PlatformExport(Guid AccountId, DateTimeOffset ExportedAt, IReadOnlyDictionary<string, JsonElement> Services);

    public static IEndpointRouteBuilder MapPersonalDataApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/directory/me").WithTags("Personal data").RequireAuthorization();
        api.MapGet("/export", ExportAsync);
        api.MapDelete("/", EraseAsync);
        return endpoints;
    }

    internal static async Task<Results<Ok<PlatformExport>, UnauthorizedHttpResult, ProblemHttpResult>> ExportAsync(
        HttpContext context,
        IEnumerable<IPersonalDataSource> sources,
        NpgsqlDataSource dataSource,
        ServiceIdentity identity,
        TimeProvider time,
        IHttpClientFactory httpClients,
        IConfiguration configuration,
        CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            return TypedResults.Unauthorized();
        }

        var own = await PersonalDataExtensions.CollectAsync(accountId, sources, dataSource, identity, time, cancellationToken);
        var parts = new Dictionary<string, JsonElement> { [identity.Name] = JsonSerializer.SerializeToElement(own, JsonSerializerOptions.Web) };

        // Each service answers for its own data, with the caller's own token: it sees what the caller may see.
        var http = httpClients.CreateClient(HttpClientName);
        var answers = await Task.WhenAll(OtherServices.Select(async service =>
        {
            var baseUrl = configuration[$"NETWORK_{service.Name.ToUpperInvariant()}_URL"] ?? service.DefaultUrl;
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl.TrimEnd('/')}/api/{service.Name}/me/export");
            request.Headers.Authorization = AuthenticationHeaderValue.Parse(context.Request.Headers.Authorization.ToString());
            try
            {
                using var response = await http.SendAsync(request, cancellationToken);
                return response.IsSuccessStatusCode
                    ? (service.Name, Part: (JsonElement?)await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken))
                    : (service.Name, Part: null);
            }
            catch (Exception exception) when (exception is HttpRequestException or JsonException
                || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Unreachable, too slow, or not answering JSON: that part is missing.
                return (service.Name, Part: null);
            }
        }));

        var missing = answers.Where(answer => answer.Part is null).Select(answer => answer.Name).ToList();
        if (missing.Count > 0)
        {
            // An export that silently lacks a part would tell the person we hold less than we do.
            return TypedResults.Problem(
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Your data could not be collected completely. Please try again in a few minutes.",
                detail: "Not answering: " + string.Join(", ", missing));
        }

        foreach (var (name, part) in answers)
        {
            parts[name] = part!.Value;
        }

        context.Response.Headers.ContentDisposition = "attachment; filename=\"network-export.json\"";
        return TypedResults.Ok(new PlatformExport(accountId, time.GetUtcNow(), parts));
    }

    internal static async Task<Results<NoContent, UnauthorizedHttpResult>> EraseAsync(
        HttpContext context, IEnumerable<IPersonalDataSource> sources, NpgsqlDataSource dataSource, TimeProvider time, CancellationToken cancellationToken)
    {
        if (context.User.AccountId() is not { } accountId)
        {
            return TypedResults.Unauthorized();
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var source in sources)
        {
            await source.EraseAsync(accountId, transaction, cancellationToken);
        }

        await Outbox.ForgetAsync(accountId, transaction, cancellationToken);
        await Outbox.EnqueueAsync(transaction, new PersonalDataErasureRequested { AccountId = accountId, OccurredAt = time.GetUtcNow() }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
