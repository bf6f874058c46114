using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using DurableTask.Core.Tracing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Telemetry;
using Core = DurableTask.Core;

namespace Partenariat.DurableRuntime;

/// <summary>Starting an instance (and starting one again), with the SDK's deduplication of instance ids.</summary>
public sealed partial class TaskHubDurableTaskClient
{
    /// <summary>
    /// Starts an orchestration with the client's default version unless <paramref name="options"/>
    /// gives one. An id that is taken is handled as the SDK defines it. With
    /// <see cref="StartOrchestrationOptions.DedupeStatuses"/>, an existing instance in one of those
    /// statuses refuses the start (<see cref="OrchestrationAlreadyExistsException"/>) and one in any
    /// other status is replaced, a still running one being terminated first. Without them, host.json's
    /// <c>overridableExistingInstanceStates</c> decides as in Durable Functions: a pending, running or
    /// suspended instance refuses the start (<c>NonRunningStates</c>, the default) or is terminated
    /// and replaced (<c>AnyState</c>); a finished one is replaced.
    /// </summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is taken by an instance whose status refuses the start.</exception>
    /// <exception cref="ArgumentException">A dedupe status is not a status, or the id's unfinished instance may be replaced while Terminated is among them.</exception>
    public override async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName.Name);
        cancellation.ThrowIfCancellationRequested();
        var refused = RefusingStatuses(options?.DedupeStatuses);
        var version = options?.Version is { } requested ? requested.Version ?? string.Empty : _defaultVersion;
        return await StartAsync(
            orchestratorName.Name,
            options?.InstanceId ?? Guid.NewGuid().ToString("N"),
            _dataConverter.Serialize(input),
            version,
            options?.Tags,
            options?.StartAt,
            refused,
            cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// Starts the instance's orchestration again from the beginning with its input and tags, under a
    /// new id or its own, and the client's default version (as Durable Functions restarts). Under its
    /// own id only a finished instance restarts.
    /// </summary>
    /// <exception cref="ArgumentException">No instance <paramref name="instanceId"/> exists.</exception>
    /// <exception cref="InvalidOperationException">Restarting under its own id an instance that has not finished; the inner exception is the <see cref="OrchestrationAlreadyExistsException"/> that refused it.</exception>
    public override async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var original = await GetInstancesAsync(instanceId, getInputsAndOutputs: true, cancellation).ConfigureAwait(false)
            ?? throw new ArgumentException($"No orchestration instance '{instanceId}' exists to restart.", nameof(instanceId));
        var newInstanceId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        try
        {
            return await StartAsync(
                original.Name,
                newInstanceId,
                original.SerializedInput,
                _defaultVersion,
                original.Tags,
                startAt: null,
                InstanceStates.Unfinished,
                cancellation).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException refused)
        {
            throw new InvalidOperationException($"Instance '{instanceId}' has not finished: it cannot be restarted under its own id.", refused);
        }
    }

    // The statuses in which an existing instance refuses a start: the caller's dedupe statuses, or
    // those that host.json's overridableExistingInstanceStates protects.
    private IReadOnlySet<Core.OrchestrationStatus> RefusingStatuses(IReadOnlyList<string>? dedupeStatuses)
    {
        if (dedupeStatuses is not { Count: > 0 })
        {
            return _hub.Options.OverridesRunningInstances ? new HashSet<Core.OrchestrationStatus>() : InstanceStates.Unfinished;
        }

        return dedupeStatuses
            .Select(status => Enum.TryParse<OrchestrationRuntimeStatus>(status, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
                ? ToCore(parsed)
                : throw new ArgumentException($"'{status}' is not an orchestration status.", nameof(dedupeStatuses)))
            .ToHashSet();
    }

    private async Task<string> StartAsync(
        string name,
        string instanceId,
        string? serializedInput,
        string version,
        IReadOnlyDictionary<string, string>? tags,
        DateTimeOffset? startAt,
        IReadOnlySet<Core.OrchestrationStatus> refused,
        CancellationToken cancellation)
    {
        if (!InstanceStates.Unfinished.IsSubsetOf(refused))
        {
            await TerminateReplaceableAsync(instanceId, refused, cancellation).ConfigureAwait(false);
        }

        var instance = new OrchestrationInstance { InstanceId = instanceId, ExecutionId = Guid.NewGuid().ToString("N") };
        var started = new ExecutionStartedEvent(-1, serializedInput)
        {
            Name = name,
            Version = version,
            OrchestrationInstance = instance,
            ScheduledStartTime = startAt?.UtcDateTime,
            Tags = InstanceStates.ApplicationTags(tags?.ToDictionary(tag => tag.Key, tag => tag.Value)),
        };
        // The span of this request; the worker's orchestration span (and its activities') hang under it.
        using var span = DurableTelemetry.Source.StartActivity("create_orchestration:" + name, ActivityKind.Producer);
        if (span is not null)
        {
            span.SetTag(DurableTelemetry.NameTag, name);
            span.SetTag(DurableTelemetry.InstanceIdTag, instanceId);
            started.ParentTraceContext = new DistributedTraceContext(span.Id!, span.TraceStateString);
        }
        else
        {
            // Nobody traces here: a worker that does (in another process) starts the trace itself.
            started.GenerateNewTrace = true;
        }

        try
        {
            // The provider checks the id's status again as it creates the instance (another client may start it meanwhile).
            await Client.CreateTaskOrchestrationAsync(new TaskMessage { OrchestrationInstance = instance, Event = started }, [.. refused]).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException)
        {
            span?.SetStatus(ActivityStatusCode.Error, "already exists");
            throw;
        }

        return instanceId;
    }

    // An instance that has not finished but may be replaced is terminated, and awaited, first; unless
    // the dedupe statuses refuse a terminated instance, which replacing it would make it.
    private async Task TerminateReplaceableAsync(string instanceId, IReadOnlySet<Core.OrchestrationStatus> refused, CancellationToken cancellation)
    {
        var existing = await GetInstancesAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
        if (existing is null || !InstanceStates.Unfinished.Contains(ToCore(existing.RuntimeStatus)) || refused.Contains(ToCore(existing.RuntimeStatus)))
        {
            return;
        }

        if (refused.Contains(Core.OrchestrationStatus.Terminated))
        {
            throw new ArgumentException(
                $"Instance '{instanceId}' is {existing.RuntimeStatus}: the dedupe statuses let it be replaced, which terminates it, but refuse a terminated instance.",
                "options");
        }

        await TerminateInstanceAsync(
            instanceId,
            new TerminateInstanceOptions($"Replaced by a new start of instance '{instanceId}', whose dedupe statuses let its {existing.RuntimeStatus} status be replaced."),
            cancellation).ConfigureAwait(false);
        await WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: false, cancellation).ConfigureAwait(false);
    }
}
