using System.Runtime.CompilerServices;
using DurableTask.Core.History;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Partenariat.DurableRuntime;

/// <summary>
/// An instance's history as the Durable Task Framework's own event types, read back from what the
/// Azure Storage provider answers for it: its JSON of the history events, written by Newtonsoft.Json
/// with default settings and no type names, each event telling its type by its <c>EventType</c>.
/// </summary>
internal static class ProviderHistory
{
    // The provider writes with Newtonsoft.Json's defaults: read with the same.
    private static readonly JsonSerializer Serializer = JsonSerializer.Create();

    private static readonly Lazy<IReadOnlyDictionary<EventType, Type>> EventTypes = new(MapEventTypes);

    /// <summary>The events of <paramref name="historyJson"/> in their order; events of a type this framework does not know are skipped.</summary>
    public static IList<HistoryEvent> Parse(string? historyJson)
    {
        var events = new List<HistoryEvent>();
        if (string.IsNullOrWhiteSpace(historyJson))
        {
            return events;
        }

        foreach (var item in JArray.Parse(historyJson).OfType<JObject>())
        {
            if (item.TryGetValue("EventType", StringComparison.Ordinal, out var kind)
                && kind.Type == JTokenType.Integer
                && EventTypes.Value.TryGetValue((EventType)kind.Value<int>(), out var type)
                && item.ToObject(type, Serializer) is HistoryEvent historyEvent)
            {
                events.Add(historyEvent);
            }
        }

        return events;
    }

    // Each concrete event class answers one EventType, a constant its property returns without state.
    private static IReadOnlyDictionary<EventType, Type> MapEventTypes() =>
        typeof(HistoryEvent).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(HistoryEvent)) && !type.IsAbstract && !type.ContainsGenericParameters)
            .GroupBy(type => ((HistoryEvent)RuntimeHelpers.GetUninitializedObject(type)).EventType)
            .ToDictionary(group => group.Key, group => group.First());
}
