using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Requests;
using Partenariat.Workflow.Storage;

namespace Partenariat.Functions;

/// <summary>
/// The committee: its decisions read from the <c>committee-decisions</c> queue, the reviewers' and
/// operators' API. One-line adapters to the workflow (twin of the self-contained host's
/// CommitteeQueueFunctions and CommitteeEndpoints).
/// </summary>
public sealed class CommitteeFunctions(CommitteeDecisionHandler handler, CommitteeApi api)
{
    /// <summary>
    /// A decision message (plain JSON: host.json's <c>messageEncoding</c> is <c>none</c>). A storage
    /// failure throws, so the host retries the message up to <c>maxDequeueCount</c> times before
    /// moving it to <c>committee-decisions-poison</c>.
    /// </summary>
    [Function("CommitteeDecision")]
    public Task<DecisionHandling> DecideAsync([QueueTrigger(StorageNames.CommitteeDecisionsQueue)] string message, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        handler.HandleAsync(message, client, cancellationToken);

    [Function("ListPendingCommitteeRequests")]
    public Task<IResult> ListPendingAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommitteeApi.PendingRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        api.ListPendingAsync(request, cancellationToken);

    [Function("ListPoisonDecisions")]
    public Task<IResult> ListPoisonAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = CommitteeApi.PoisonRoute)] HttpRequest request, CancellationToken cancellationToken) =>
        api.ListPoisonDecisionsAsync(request, cancellationToken);

    [Function("CancelFinancingRequest")]
    public Task<IResult> CancelAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = CommitteeApi.CancellationRoute)] HttpRequest request, string requestId, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.CancelAsync(request, requestId, client, cancellationToken);
}
