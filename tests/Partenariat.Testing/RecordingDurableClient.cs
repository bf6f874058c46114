using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Partenariat.Testing;

/// <summary>
/// A durable client that records the orchestrations it is asked to start and the events it is
/// asked to raise, and answers the instances a test declares in <see cref="Instances"/> and those
/// it started, for handlers tested without a durable runtime. Like a runtime, it refuses to start
/// an instance that is pending, running or suspended; every other operation throws. Safe for
/// concurrent callers.
/// </summary>
public sealed class RecordingDurableClient() : DurableTaskClient("recording")
{
    private readonly Lock _lock = new();
    private bool _twinStartsFirst;

    /// <summary>The events raised: instance id, event name, payload.</summary>
    public List<(string InstanceId, string EventName, object? Payload)> Raised { get; } = [];

    /// <summary>The orchestrations started: name and input (their instance ids are <c>instance-1</c>, <c>instance-2</c>, …).</summary>
    public List<(string Name, object? Input)> Started { get; } = [];

    /// <inheritdoc />
    public override Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            Raised.Add((instanceId, eventName, eventPayload));
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Makes the next start find its instance just started by someone else (a concurrent twin of
    /// the caller, whose start is recorded first): the caller's start is then refused.
    /// </summary>
    public void StartByATwinBeforeTheNextStart() => _twinStartsFirst = true;

    /// <inheritdoc />
    public override Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            var instanceId = options?.InstanceId ?? $"instance-{Started.Count + 1}";
            if (_twinStartsFirst)
            {
                _twinStartsFirst = false;
                Started.Add((orchestratorName.Name, input));
                Instances[instanceId] = OrchestrationRuntimeStatus.Pending;
            }

            if (Instances.TryGetValue(instanceId, out var status) && status is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            {
                throw new InvalidOperationException($"An orchestration with instance id '{instanceId}' is already {status}.");
            }

            Started.Add((orchestratorName.Name, input));
            Instances[instanceId] = OrchestrationRuntimeStatus.Pending;
            return Task.FromResult(instanceId);
        }
    }

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public override Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public override Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public override Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public override Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <summary>The instances it knows, by id, with their status (an instance it does not know was never started, or was purged).</summary>
    public Dictionary<string, OrchestrationRuntimeStatus> Instances { get; } = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override Task<OrchestrationMetadata?> GetInstancesAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellation = default)
    {
        lock (_lock)
        {
            return Task.FromResult(Instances.TryGetValue(instanceId, out var status)
                ? new OrchestrationMetadata(Partenariat.Workflow.Requests.Orchestration.FinancingRequestOrchestration.Name, instanceId) { RuntimeStatus = status }
                : null);
        }
    }

    /// <inheritdoc />
    public override AsyncPageable<OrchestrationMetadata> GetAllInstancesAsync(OrchestrationQuery? filter = null) => throw new NotSupportedException();

    /// <inheritdoc />
    public override Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public override Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, PurgeInstanceOptions? options = null, CancellationToken cancellation = default) => throw new NotSupportedException();

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
