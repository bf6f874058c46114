using System.Globalization;
using System.Text.Json.Nodes;
using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Client;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Partenariat.SelfContainedHost.DurableWebhooks;

/// <summary>
/// An instance's history as the webhooks' <c>showHistory</c> shows it: the provider's history events
/// (its own JSON), reshaped the way the Durable Functions extension reshapes them. Event types and
/// statuses by name; each completion or failure of an activity or sub-orchestration carries its
/// <c>FunctionName</c>, <c>ScheduledTime</c> and <c>Input</c> and stands for its scheduling event;
/// the episodes' <c>OrchestratorStarted</c>/<c>Completed</c> markers, ids and replay flags are left
/// out; results only with <c>showHistoryOutput</c>, inputs only with <c>showInput</c>.
/// </summary>
internal static class InstanceHistory
{
    /// <summary>
    /// Reads, through the client's own history, and reshapes the history of the latest execution of
    /// <paramref name="instanceId"/>; null when it has none.
    /// </summary>
    public static async Task<JsonArray?> ReadAsync(DurableTaskClient client, string instanceId, bool showHistoryOutput, bool showInput, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        IList<HistoryEvent> events;
        try
        {
            events = await client.GetOrchestrationHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        }
        catch (ArgumentException)
        {
            return null;
        }

        // The events as the provider and the Functions host write them: Newtonsoft.Json's defaults.
        return events.Count == 0 ? null : Reshape(JArray.FromObject(events, JsonSerializer.CreateDefault()).ToString(Formatting.None), showHistoryOutput, showInput);
    }

    /// <summary>Reshapes the history events' JSON (Newtonsoft.Json's, event types and statuses as numbers).</summary>
    public static JsonArray Reshape(string historyJson, bool showHistoryOutput, bool showInput)
    {
        var events = JsonNode.Parse(historyJson)?.AsArray() ?? [];
        var scheduled = new Dictionary<string, Scheduled>(StringComparer.Ordinal);
        var folded = new SortedSet<int>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is not JsonObject item || !TryParse<EventType>(item["EventType"], out var type))
            {
                continue;
            }

            item["EventType"] = type.ToString();
            switch (type)
            {
                case EventType.TaskScheduled:
                case EventType.SubOrchestrationInstanceCreated:
                    scheduled[$"{type}_{item["EventId"]}"] = new Scheduled(i, item["Name"]?.DeepClone(), Text(item["Timestamp"]), item["Input"]?.DeepClone());
                    item.Remove("Version");
                    break;
                case EventType.TaskCompleted:
                case EventType.TaskFailed:
                case EventType.SubOrchestrationInstanceCompleted:
                case EventType.SubOrchestrationInstanceFailed:
                    var scheduledBy = type is EventType.TaskCompleted or EventType.TaskFailed ? EventType.TaskScheduled : EventType.SubOrchestrationInstanceCreated;
                    if (scheduled.TryGetValue($"{scheduledBy}_{item["TaskScheduledId"]}", out var start))
                    {
                        item["ScheduledTime"] = LocalTime(start.Timestamp);
                        item["FunctionName"] = start.Name?.DeepClone();
                        if (showInput)
                        {
                            item["Input"] = start.Input?.DeepClone();
                        }

                        folded.Add(start.Index);
                    }

                    item.Remove("TaskScheduledId");
                    Result(item, show: showHistoryOutput, hasResult: type is EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted);
                    break;
                case EventType.ExecutionStarted:
                    var name = item["Name"]?.DeepClone();
                    foreach (var key in (string[])["Name", "OrchestrationInstance", "ParentInstance", "Version", "Tags"])
                    {
                        item.Remove(key);
                    }

                    item["FunctionName"] = name;
                    break;
                case EventType.ExecutionCompleted:
                    if (TryParse<OrchestrationStatus>(item["OrchestrationStatus"], out var status))
                    {
                        item["OrchestrationStatus"] = status.ToString();
                    }

                    Result(item, show: showHistoryOutput, hasResult: true);
                    break;
                case EventType.TimerFired:
                    item.Remove("TimerId");
                    break;
                case EventType.OrchestratorStarted:
                case EventType.OrchestratorCompleted:
                    folded.Add(i);
                    break;
            }

            if (!showInput)
            {
                item.Remove("Input");
            }

            item.Remove("EventId");
            item.Remove("IsPlayed");
        }

        var reshaped = new JsonArray();
        for (var i = 0; i < events.Count; i++)
        {
            if (!folded.Contains(i))
            {
                reshaped.Add(events[i]?.DeepClone());
            }
        }

        return reshaped;
    }

    // A result is shown parsed as JSON with showHistoryOutput, and left out without it.
    private static void Result(JsonObject item, bool show, bool hasResult)
    {
        if (!hasResult)
        {
            return;
        }

        if (show)
        {
            item["Result"] = InstanceStatusPayload.Token(Text(item["Result"]));
        }
        else
        {
            item.Remove("Result");
        }
    }

    private static bool TryParse<TEnum>(JsonNode? node, out TEnum value)
        where TEnum : struct, Enum
    {
        value = default;
        return node is JsonValue && Enum.TryParse(node.ToString(), out value);
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : node?.ToJsonString();

    // The extension reads the scheduling time as a local DateTime and writes it with its offset.
    private static string? LocalTime(string? timestamp) =>
        DateTime.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture)
            : timestamp;

    private sealed record Scheduled(int Index, JsonNode? Name, string? Timestamp, JsonNode? Input);
}
