using System.Text.Json;
using System.Text.Json.Serialization;

namespace Partenariat.Workflow.Http;

/// <summary>
/// The JSON of the HTTP API, the queue messages and the stored views: camelCase, enums as strings.
/// Stored views are read back with these options: changing them (names, enum handling) breaks the
/// records already stored; add, never rename.
/// </summary>
public static class PartenariatJson
{
    /// <summary>The options.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
