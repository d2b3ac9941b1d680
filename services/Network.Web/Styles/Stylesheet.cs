using System.Security.Cryptography;

namespace Network.Web.Styles;

/// <summary>
/// The one stylesheet (site.css, then each area's file in Styles/ by name, joined), built into the assembly and served from memory at an address that carries its
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

    private const string Prefix = "Network.Web.Styles.";
    private const string Base = Prefix + "site.css";

    private static byte[] Read()
    {
        var assembly = typeof(Stylesheet).Assembly;
        var names = assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".css", StringComparison.Ordinal))
            .OrderBy(name => name == Base ? 0 : 1).ThenBy(name => name, StringComparer.Ordinal)
            .ToList();
        if (!names.Contains(Base))
        {
            throw new InvalidOperationException("The stylesheet is not embedded in the assembly.");
        }

        using var memory = new MemoryStream();
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            stream.CopyTo(memory);
            memory.WriteByte((byte)'\n');
        }

        return memory.ToArray();
    }
}
