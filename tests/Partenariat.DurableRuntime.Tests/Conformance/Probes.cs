using System.Collections.Concurrent;

namespace Partenariat.DurableRuntime.Tests.Conformance;

/// <summary>
/// What the conformance tasks saw, keyed by a name the scenario chose (an instance id, mostly), for
/// the scenarios to assert on: how often an activity or an orchestrator ran, a retry handler was asked.
/// </summary>
public static class Probes
{
    private static readonly ConcurrentDictionary<string, int> Counts = new(StringComparer.Ordinal);

    /// <summary>Counts one more under <paramref name="key"/> and answers the new count.</summary>
    public static int Increment(string key) => Counts.AddOrUpdate(key, 1, (_, count) => count + 1);

    /// <summary>The count under <paramref name="key"/>.</summary>
    public static int Count(string key) => Counts.TryGetValue(key, out var count) ? count : 0;
}
