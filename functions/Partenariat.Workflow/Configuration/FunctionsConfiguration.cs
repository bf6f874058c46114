using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace Partenariat.Workflow.Configuration;

/// <summary>
/// Reads an app's settings the way Azure Functions does, for hosts that run the workflow without the
/// Functions runtime: <c>host.json</c> becomes configuration under the <c>AzureFunctionsJobHost</c>
/// section (so <c>AzureFunctionsJobHost__extensions__http__routePrefix</c> in the environment
/// overrides it, as on the real host), and the <c>Values</c> of <c>local.settings.json</c> are
/// settings that the environment overrides (as Core Tools do).
/// </summary>
public static class FunctionsConfiguration
{
    /// <summary>The configuration section that holds host.json, as in the Functions host.</summary>
    public const string JobHostSection = "AzureFunctionsJobHost";

    /// <summary>The setting that names the folder holding host.json (the script root).</summary>
    public const string ScriptRootSetting = "AzureWebJobsScriptRoot";

    /// <summary>
    /// Adds host.json and local.settings.json from <paramref name="scriptRoot"/>, then the
    /// environment variables again so that they take precedence over both files.
    /// </summary>
    /// <exception cref="InvalidOperationException">host.json is missing or is not valid JSON.</exception>
    public static IConfigurationBuilder AddFunctionsConfiguration(this IConfigurationBuilder builder, string scriptRoot)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(scriptRoot);

        var hostJson = Path.Combine(scriptRoot, "host.json");
        if (!File.Exists(hostJson))
        {
            throw new InvalidOperationException($"host.json was not found in '{scriptRoot}'. Set '{ScriptRootSetting}' to the folder that holds it.");
        }

        builder.AddInMemoryCollection(Flatten(hostJson, JobHostSection, root => root));

        var localSettings = Path.Combine(scriptRoot, "local.settings.json");
        if (File.Exists(localSettings))
        {
            builder.AddInMemoryCollection(Flatten(localSettings, prefix: null, root => root.TryGetProperty("Values", out var values) ? values : default));
        }

        builder.AddEnvironmentVariables();
        return builder;
    }

    /// <summary>The script root: the <c>AzureWebJobsScriptRoot</c> setting where set, else the app's own folder.</summary>
    public static string ResolveScriptRoot(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[ScriptRootSetting];
        return string.IsNullOrWhiteSpace(configured) ? AppContext.BaseDirectory : configured;
    }

    private static Dictionary<string, string?> Flatten(string path, string? prefix, Func<JsonElement, JsonElement> select)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException exception)
        {
            throw new InvalidOperationException($"{Path.GetFileName(path)} in '{Path.GetDirectoryName(path)}' is not valid JSON: {exception.Message}", exception);
        }

        using (document)
        {
            var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
            var root = select(document.RootElement);
            if (root.ValueKind != JsonValueKind.Undefined)
            {
                Add(result, prefix, root);
            }

            return result;
        }
    }

    private static void Add(Dictionary<string, string?> result, string? key, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    // Settings written with '__' (as in the environment) mean a nested key.
                    var name = property.Name.Replace("__", ConfigurationPath.KeyDelimiter, StringComparison.Ordinal);
                    Add(result, key is null ? name : ConfigurationPath.Combine(key, name), property.Value);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Add(result, ConfigurationPath.Combine(key ?? string.Empty, index.ToString(System.Globalization.CultureInfo.InvariantCulture)), item);
                    index++;
                }

                break;
            case JsonValueKind.Null:
                if (key is not null)
                {
                    result[key] = null;
                }

                break;
            default:
                if (key is not null)
                {
                    result[key] = element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText();
                }

                break;
        }
    }
}
