using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Partenariat.Workflow.Reconciliation;

namespace Partenariat.Functions;

/// <summary>The reconciler: its schedule and its operators' endpoints, one-line adapters to the workflow.</summary>
public sealed class ReconciliationFunctions(CreditReconciler reconciler, ReconciliationApi api)
{
    /// <summary>One pass, every five minutes.</summary>
    [Function("ReconcileCredit")]
    public Task ReconcileAsync([TimerTrigger(CreditReconciler.Schedule)] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        reconciler.RunAsync(client, cancellationToken);

    /// <summary>The last passes.</summary>
    [Function("ListReconciliations")]
    public Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ReconciliationApi.Route)] HttpRequest request, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    /// <summary>A pass now.</summary>
    [Function("RunReconciliation")]
    public Task<IResult> RunAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = ReconciliationApi.Route)] HttpRequest request, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, client, cancellationToken);
}
