using System.Text.Json;

namespace Partenariat.Infrastructure.Tests.Bicep;

/// <summary>Reading compiled templates and snapshots: dotted paths that say what is missing.</summary>
internal static class Json
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses a JSON file (comments allowed, as in bicepconfig.json).</summary>
    public static JsonElement ParseFile(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), Options);
        return document.RootElement.Clone();
    }

    /// <summary>The element at a dotted path such as <c>properties.siteConfig.minTlsVersion</c>, or a failure naming the path.</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return element.TryAt(path, out var found)
            ? found
            : throw new Xunit.Sdk.XunitException($"No '{path}' in {Abbreviate(element)}");
    }

    /// <summary>Whether there is an element at a dotted path.</summary>
    public static bool TryAt(this JsonElement element, string path, out JsonElement found)
    {
        ArgumentNullException.ThrowIfNull(path);
        found = element;
        foreach (var name in path.Split('.'))
        {
            if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The string at a dotted path.</summary>
    public static string StringAt(this JsonElement element, string path) =>
        element.At(path) is { ValueKind: JsonValueKind.String } value
            ? value.GetString()!
            : throw new Xunit.Sdk.XunitException($"'{path}' is not a string in {Abbreviate(element)}");

    private static string Abbreviate(JsonElement element)
    {
        var text = element.GetRawText();
        return text.Length <= 600 ? text : string.Concat(text.AsSpan(0, 600), "...");
    }
}
