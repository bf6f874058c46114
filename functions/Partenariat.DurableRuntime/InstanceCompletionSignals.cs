using System.Collections.Concurrent;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Lets a client in this process learn at once that this process's worker finished an instance,
/// instead of polling storage for it.
/// </summary>
public sealed class InstanceCompletionSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    /// <summary>A task that completes the next time <paramref name="instanceId"/> is reported finished.</summary>
    public Task WaitAsync(string instanceId) =>
        _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Reports that <paramref name="instanceId"/> reached a final state.</summary>
    public void Complete(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
