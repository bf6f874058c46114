using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>
/// An instance's status as Durable's webhooks answer it: <c>name</c>, <c>instanceId</c>,
/// <c>runtimeStatus</c>, <c>input</c>, <c>customStatus</c>, <c>output</c>, <c>createdTime</c>,
/// <c>lastUpdatedTime</c> (whole seconds, UTC), and <c>historyEvents</c> only when asked for.
/// </summary>
internal static class InstanceStatusPayload
{
    /// <summary>The payload of <paramref name="metadata"/> (read with its inputs and outputs).</summary>
    public static JsonObject From(OrchestrationMetadata metadata, bool showInput, JsonArray? history = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var payload = new JsonObject
        {
            ["name"] = metadata.Name,
            ["instanceId"] = metadata.InstanceId,
            ["runtimeStatus"] = metadata.RuntimeStatus.ToString(),
            ["input"] = showInput ? Token(metadata.SerializedInput) : null,
            ["customStatus"] = Token(metadata.SerializedCustomStatus),
            ["output"] = Token(metadata.SerializedOutput),
            ["createdTime"] = Seconds(metadata.CreatedAt),
            ["lastUpdatedTime"] = Seconds(metadata.LastUpdatedAt),
        };
        if (history is not null)
        {
            payload["historyEvents"] = history;
        }

        return payload;
    }

    /// <summary>
    /// A stored payload as the Functions host shows it: its JSON, the raw text where it is not JSON
    /// (a termination reason, a failure summary), an empty string for blank text, null for none.
    /// </summary>
    public static JsonNode? Token(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        var value = serialized.Trim();
        if (value.Length == 0)
        {
            return JsonValue.Create(string.Empty);
        }

        try
        {
            return JsonNode.Parse(value) ?? null;
        }
        catch (JsonException)
        {
            return JsonValue.Create(value);
        }
    }

    private static string Seconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("s", CultureInfo.InvariantCulture) + "Z";
}
