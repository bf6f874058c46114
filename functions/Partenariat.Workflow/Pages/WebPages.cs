using System.Collections.Frozen;
using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Partenariat.Workflow.Pages;

/// <summary>
/// The web pages for landlords, reviewers, the steering committee and operators (web/, built into
/// this assembly's resources by eng/Web.targets), served the same by both hosts at
/// <c>/api/pages/</c>: anonymous (the pages hold no data; every call they make carries the user's
/// own key), with their type, a strong ETag and revalidation, and a content security policy that
/// lets them load only themselves and talk only to this origin.
/// </summary>
public sealed class WebPages
{
    /// <summary>The pages' route under host.json's prefix; <c>{*path}</c> is the file.</summary>
    public const string Route = "pages/{*path}";

    /// <summary>The page served for the folder itself.</summary>
    public const string IndexPage = "index.html";

    private const string ResourcePrefix = "pages/";

    private const string SecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'self'";

    private static readonly FrozenDictionary<string, string> ContentTypes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".ico"] = "image/x-icon",
        [".json"] = "application/json; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private readonly FrozenDictionary<string, Asset> _assets;

    /// <summary>Reads the embedded pages once.</summary>
    public WebPages()
        : this(typeof(WebPages).Assembly)
    {
    }

    internal WebPages(Assembly assembly)
    {
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var extension = Path.GetExtension(name);
            assets[name[ResourcePrefix.Length..]] = new Asset(
                bytes,
                ContentTypes.GetValueOrDefault(extension, "application/octet-stream"),
                $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..32]}\"");
        }

        _assets = assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The files served, by path under <c>/api/pages/</c>.</summary>
    public IReadOnlyCollection<string> Files => _assets.Keys;

    /// <summary>GET /api/pages/{*path}: one file; the folder without its slash is redirected to it, so that the pages' relative links resolve.</summary>
    public IResult Serve(HttpRequest http, string? path)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrEmpty(path))
        {
            var requested = http.PathBase + http.Path;
            if (!requested.Value!.EndsWith('/'))
            {
                return Results.Redirect(requested.Value + "/" + http.QueryString, permanent: false);
            }

            path = IndexPage;
        }

        if (!_assets.TryGetValue(path, out var asset))
        {
            return Results.Problem(
                type: "urn:partenariat:problems:page-not-found", title: "No such page", statusCode: StatusCodes.Status404NotFound,
                detail: $"There is no page '{path}'. The pages start at the folder itself: {http.PathBase}{http.Path.Value?[..(http.Path.Value.Length - path.Length)]}");
        }

        var headers = http.HttpContext.Response.Headers;
        headers[HeaderNames.ETag] = asset.ETag;
        headers[HeaderNames.CacheControl] = "no-cache";
        headers["X-Content-Type-Options"] = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (asset.ContentType.StartsWith("text/html", StringComparison.Ordinal))
        {
            headers["Content-Security-Policy"] = SecurityPolicy;
        }

        return http.Headers.IfNoneMatch.ToString() == asset.ETag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Results.Bytes(asset.Content, asset.ContentType);
    }

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
