using System.Security.Cryptography;

namespace Network.Web.Styles;

/// <summary>
/// The one stylesheet, built into the assembly and served from memory at an address that carries its
/// hash (so browsers may keep it for a year, and a new version gets a new address). Static web
/// assets would need the wwwroot folder beside the running assembly, which a build's output
/// (how the tests and `make up` run it) does not have in Production.
/// </summary>
public static class Stylesheet
{
    private static readonly byte[] Content = Read();

    public static readonly string Path = $"/styles/site.{Convert.ToHexStringLower(SHA256.HashData(Content))[..12]}.css";

    public static IEndpointRouteBuilder MapStylesheet(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
            return Results.Bytes(Content, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();
        return endpoints;
    }

    private static byte[] Read()
    {
        using var stream = typeof(Stylesheet).Assembly.GetManifestResourceStream("Network.Web.Styles.site.css")
            ?? throw new InvalidOperationException("The stylesheet is not embedded in the assembly.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
