using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Logging;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Which work items this worker takes, as Microsoft.DurableTask's worker decides it: an orchestration
/// that the <see cref="IOrchestrationFilter"/> refuses, or whose version the worker's versioning
/// rejects (failure strategy <c>Reject</c>), and an activity called with such a version, are left on
/// their queue for another worker (a deployment of the right version) instead of running here.
/// </summary>
#pragma warning disable CS0618 // the SDK marks its orchestration filter experimental; its own worker consults it all the same
internal sealed partial class WorkItemGate(DurableTaskWorkerOptions.VersioningOptions? versioning, IOrchestrationFilter? filter, ILogger logger)
{
#pragma warning restore CS0618

    /// <summary>Whether this worker runs the orchestration work item.</summary>
    public async ValueTask<bool> AcceptsAsync(TaskOrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var started = workItem.OrchestrationRuntimeState?.ExecutionStartedEvent
            ?? workItem.NewMessages?.Select(message => message.Event).OfType<ExecutionStartedEvent>().FirstOrDefault();
        if (started is null)
        {
            // Messages for an instance that has not started: the dispatcher discards them itself.
            return true;
        }

        if (filter is not null)
        {
            var parameters = new OrchestrationFilterParameters
            {
                Name = started.Name,
                Tags = started.Tags is null ? null : new Dictionary<string, string>(started.Tags, StringComparer.Ordinal),
            };
            if (!await filter.IsOrchestrationValidAsync(parameters, cancellationToken).ConfigureAwait(false))
            {
                LogLeft(logger, workItem.InstanceId, started.Name, started.Version ?? string.Empty, "the orchestration filter refuses it");
                return false;
            }
        }

        if (VersionCheck.Rejects(versioning, started.Version))
        {
            LogLeft(logger, workItem.InstanceId, started.Name, started.Version ?? string.Empty, "its version is not one this worker runs");
            return false;
        }

        return true;
    }

    /// <summary>Whether this worker runs the activity work item.</summary>
    public bool Accepts(TaskActivityWorkItem workItem)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (workItem.TaskMessage?.Event is TaskScheduledEvent scheduled && VersionCheck.Rejects(versioning, scheduled.Version))
        {
            LogLeft(logger, workItem.TaskMessage.OrchestrationInstance?.InstanceId ?? string.Empty, scheduled.Name ?? string.Empty, scheduled.Version ?? string.Empty, "its version is not one this worker runs");
            return false;
        }

        return true;
    }

    [LoggerMessage(EventId = 110, Level = LogLevel.Information, Message = "Work item of {InstanceId} ({Name}, version '{Version}') left for another worker: {Reason}")]
    private static partial void LogLeft(ILogger logger, string instanceId, string name, string version, string reason);
}
