using System.Net;

namespace Network.Web.Api;

/// <summary>
/// What the API answered: the value, or the status with the problem document's field errors
/// (`errors: { field: [messages] }`), which the pages show next to the fields they name.
/// </summary>
public sealed record ApiResult<T>(T? Value, HttpStatusCode Status, IReadOnlyDictionary<string, string[]> Errors, string? Detail)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;

    public static ApiResult<T> Ok(T? value, HttpStatusCode status) => new(value, status, new Dictionary<string, string[]>(), null);
}
