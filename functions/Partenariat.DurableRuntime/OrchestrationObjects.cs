using DurableTask.Core;
using DurableTask.Core.Middleware;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using CoreTaskFailedException = DurableTask.Core.Exceptions.TaskFailedException;

namespace Partenariat.DurableRuntime;

/// <summary>
/// Creates orchestrations by name and version from the worker's factory, adapted by the shims: the
/// implementation registered for that version where the factory keeps versions (a name registered
/// without versions serves them all). An orchestration this worker cannot run fails at once, with a
/// failure no retry repeats: <c>OrchestratorTaskNotFound</c> when no implementation is registered (the
/// framework alone would retry it forever, waiting for a deployment that brings it), or
/// <c>VersionMismatch</c> when the worker's versioning refuses its version under the <c>Fail</c> strategy
/// (under <c>Reject</c> the <see cref="WorkItemGate"/> never lets it reach here).
/// </summary>
internal sealed class OrchestrationObjects(
    VersionedTaskFactory factory, IServiceProvider services, DurableTaskShimFactory shims, DurableTaskWorkerOptions.VersioningOptions? versioning)
    : INameVersionObjectManager<TaskOrchestration>
{
    /// <summary>The error type of a failure for an orchestrator nobody registered (the SDK's own).</summary>
    public const string NotFoundErrorType = "OrchestratorTaskNotFound";

    public void Add(ObjectCreator<TaskOrchestration> creator) =>
        throw new NotSupportedException("Orchestrators are registered with the durable task worker builder.");

    public TaskOrchestration? GetObject(string name, string? version)
    {
        if (VersionCheck.Evaluate(versioning, version) is { } mismatch)
        {
            return new FailedOrchestration(mismatch);
        }

        var taskName = new TaskName(name);
        return factory.TryCreateOrchestrator(taskName, version, services, out var orchestrator) && orchestrator is not null
            ? new ShimmedOrchestration(taskName, orchestrator, shims)
            : new FailedOrchestration(new FailureDetails(NotFoundErrorType, NotFound("orchestrator", name, version), null, null, isNonRetriable: true));
    }

    /// <summary>
    /// The orchestration dispatcher's middleware that tells the orchestrations created here which
    /// instance they run (the framework asks for an orchestration by name and version only): its
    /// runtime state, for the duration of its execution on this flow.
    /// </summary>
    public static async Task TrackExecutionAsync(DispatchMiddlewareContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        Executing.Value = context.GetProperty<OrchestrationRuntimeState>();
        try
        {
            await next().ConfigureAwait(false);
        }
        finally
        {
            Executing.Value = null;
        }
    }

    /// <summary>The message of a task nobody registered.</summary>
    public static string NotFound(string kind, string name, string? version) =>
        string.IsNullOrEmpty(version)
            ? $"No {kind} named '{name}' is registered."
            : $"No {kind} named '{name}' is registered for version '{version}'.";

    // The runtime state of the orchestration the dispatcher executes on this flow.
    private static readonly AsyncLocal<OrchestrationRuntimeState?> Executing = new();

    /// <summary>
    /// The shim of an orchestrator, created when its execution starts, so that it knows its parent
    /// (<c>TaskOrchestrationContext.Parent</c>) as the SDK's own worker tells it.
    /// </summary>
    private sealed class ShimmedOrchestration(TaskName name, ITaskOrchestrator orchestrator, DurableTaskShimFactory shims) : TaskOrchestration
    {
        private TaskOrchestration? _shim;

        public override Task<string> Execute(OrchestrationContext context, string input)
        {
            var parent = Executing.Value?.ParentInstance is { } instance
                ? new ParentOrchestrationInstance(new TaskName(instance.Name), instance.OrchestrationInstance.InstanceId)
                : null;
            _shim = shims.CreateOrchestration(name, orchestrator, parent);
            return _shim.Execute(context, input);
        }

        public override string GetStatus() => _shim?.GetStatus()!;

        public override void RaiseEvent(OrchestrationContext context, string name, string input) => _shim?.RaiseEvent(context, name, input);
    }

    private sealed class FailedOrchestration(FailureDetails failure) : TaskOrchestration
    {
        // A faulted task (not a thrown exception) is what the framework turns into a failed instance,
        // and this exception type is the one whose failure details it keeps as they are.
        public override Task<string> Execute(OrchestrationContext context, string input) =>
            Task.FromException<string>(new CoreTaskFailedException(failure.ErrorMessage) { FailureDetails = failure });

        public override string GetStatus() => string.Empty;

        public override void RaiseEvent(OrchestrationContext context, string name, string input)
        {
        }
    }
}
