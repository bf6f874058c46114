using DurableTask.Core;

namespace Partenariat.DurableRuntime;

/// <summary>
/// An orchestration's extended session that ends as soon as the worker stops. Between two episodes
/// an extended session waits in memory for the instance's next messages, up to host.json's
/// <c>extendedSessionIdleTimeoutInSeconds</c>; the framework's graceful stop waits for every session
/// it holds to end (then gives up after 8 s), and the provider's wait does not heed the stop. An
/// idle session has nothing in flight (its last episode is checkpointed), so once
/// <paramref name="stopping"/> fires, its wait answers "no more messages" and the dispatcher ends the
/// session. Messages that reach the instance afterwards stay on its control queue for the next
/// worker (those that reach it in the instant between the stop and the session's end, when their
/// visibility timeout ends).
/// </summary>
internal sealed class StoppableSession(IOrchestrationSession inner, CancellationToken stopping) : IOrchestrationSession
{
    /// <inheritdoc />
    public async Task<IList<TaskMessage>?> FetchNewOrchestrationMessagesAsync(TaskOrchestrationWorkItem workItem)
    {
        if (stopping.IsCancellationRequested)
        {
            return null;
        }

        var fetch = inner.FetchNewOrchestrationMessagesAsync(workItem);
        try
        {
            return await fetch.WaitAsync(stopping).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The provider's wait goes on until its idle timeout, and nothing awaits its answer.
            _ = fetch.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return null;
        }
    }

    /// <inheritdoc />
    public Task EndSessionAsync() => inner.EndSessionAsync();
}
