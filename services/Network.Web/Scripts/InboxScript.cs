using System.Security.Cryptography;

namespace Network.Web.Scripts;

/// <summary>
/// The one script of the front end (inbox.js: live updates of the inbox pages, which work fully
/// without it), built into the assembly and served like the stylesheet: from memory, at an address
/// that carries its hash, kept by browsers for a year. The pages' Content-Security-Policy allows
/// scripts from the app itself only, never inline.
/// </summary>
public static class InboxScript
{
    private const string ResourceName = "Network.Web.Scripts.inbox.js";

    private static readonly byte[] Content = Read();

    public static readonly string Path = $"/scripts/inbox.{Convert.ToHexStringLower(SHA256.HashData(Content))[..12]}.js";

    public static IEndpointRouteBuilder MapInboxScript(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Content, "text/javascript; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static byte[] Read()
    {
        using var stream = typeof(InboxScript).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException("The inbox script is not embedded in the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
