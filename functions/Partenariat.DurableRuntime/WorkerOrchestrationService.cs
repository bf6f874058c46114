using DurableTask.Core;

namespace Partenariat.DurableRuntime;

/// <summary>
/// The provider as the worker sees it, unchanged but for four things: when this process's worker
/// checkpoints an orchestration in a final state, waiting clients in this process are told at once
/// (<see cref="InstanceCompletionSignals"/>), so they need not poll storage for it; activity work
/// items are fetched by <paramref name="activityDispatcherCount"/> loops at once where given (the
/// provider's own count otherwise), see <see cref="TaskHubDurableTaskWorker.ActivityFetchers"/>; and a
/// work item that <paramref name="gate"/> leaves to other workers (an orchestration filter's refusal, a
/// version rejected) goes back to its queue, abandoned, without running here. Once
/// <paramref name="stopping"/> fires, extended sessions end (<see cref="StoppableSession"/>), so that
/// a stop waits for the work in flight only, not for idle sessions, and a work item fetched in the
/// meantime goes back to its queue at once, not after its visibility timeout.
/// </summary>
internal sealed class WorkerOrchestrationService(
    IOrchestrationService inner, InstanceCompletionSignals signals, WorkItemGate? gate = null, int activityDispatcherCount = 0, CancellationToken stopping = default) : IOrchestrationService
{
    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public int TaskActivityDispatcherCount => activityDispatcherCount > 0 ? activityDispatcherCount : inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public async Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        await inner.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState).ConfigureAwait(false);
        if (orchestrationState?.OrchestrationStatus is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Terminated or OrchestrationStatus.Canceled)
        {
            signals.Complete(orchestrationState.OrchestrationInstance.InstanceId);
        }
    }

    public Task StartAsync() => inner.StartAsync();

    public Task StopAsync() => inner.StopAsync();

    public Task StopAsync(bool isForced) => inner.StopAsync(isForced);

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) =>
        inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null)
        {
            return null!;
        }

        if (stopping.IsCancellationRequested || (gate is not null && !await gate.AcceptsAsync(workItem, cancellationToken).ConfigureAwait(false)))
        {
            // Back to its queue, visible again within seconds: for another worker, or for the next
            // one after this stop (a stopping dispatcher would drop it, hidden until its visibility
            // timeout ends). Nothing for this worker this time: the dispatcher fetches again.
            await inner.AbandonTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
            await inner.ReleaseTaskOrchestrationWorkItemAsync(workItem).ConfigureAwait(false);
            return null!;
        }

        if (workItem.Session is { } session)
        {
            workItem.Session = new StoppableSession(session, stopping);
        }

        return workItem;
    }

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = await inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken).ConfigureAwait(false);
        if (workItem is null || (!stopping.IsCancellationRequested && (gate is null || gate.Accepts(workItem))))
        {
            return workItem!;
        }

        // As above: another worker's, or fetched while this one stops.
        await inner.AbandonTaskActivityWorkItemAsync(workItem).ConfigureAwait(false);
        return null!;
    }

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => inner.AbandonTaskActivityWorkItemAsync(workItem);
}
