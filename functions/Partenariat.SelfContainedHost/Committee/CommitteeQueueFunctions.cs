using Microsoft.Azure.WebJobs;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.SelfContainedHost.Committee;

/// <summary>
/// The committee's decisions, read by the WebJobs SDK's own queue trigger (the engine under Azure
/// Functions' queue trigger), twin of the Functions app's <c>CommitteeDecision</c> function. The SDK
/// creates it per message with constructor injection. A storage failure throws: the SDK retries
/// the message up to host.json's <c>maxDequeueCount</c>, then moves it to <c>committee-decisions-poison</c>.
/// </summary>
public sealed class CommitteeQueueFunctions(CommitteeDecisionHandler handler, DurableTaskClient client)
{
    /// <summary>One decision message (plain JSON: host.json's <c>messageEncoding</c> is <c>none</c>); returns nothing, as a returned value would be bound as an output.</summary>
    [FunctionName("CommitteeDecision")]
    public Task DecideAsync([QueueTrigger(StorageNames.CommitteeDecisionsQueue)] string message, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, client, cancellationToken);
}
