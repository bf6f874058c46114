using Microsoft.DurableTask.Client;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.Reconciliation;

namespace Partenariat.SelfContainedHost.Reconciliation;

/// <summary>The reconciler's operators' endpoints, twins of the Functions app's ReconciliationFunctions.</summary>
internal static class ReconciliationEndpoints
{
    public static IEndpointRouteBuilder MapReconciliationApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ReconciliationApi.Route, ListAsync)
            .WithTags("Operations")
            .WithName("ListReconciliations")
            .WithSummary("The reconciler's last passes, newest first: the credit it released from requests whose orchestration no longer ran, and what it left to operators (?top=, 1 to 50).")
            .Produces<IReadOnlyList<ReconciliationRun>>()
            .ProducesValidationProblem()
            .ProducesKeyProblems();
        endpoints.MapPost(ReconciliationApi.Route, RunAsync)
            .WithTags("Operations")
            .WithName("RunReconciliation")
            .WithSummary("Runs a reconciliation pass now and answers what it did.")
            .Produces<ReconciliationRun>()
            .ProducesKeyProblems();
        return endpoints;
    }

    private static Task<IResult> ListAsync(HttpRequest request, ReconciliationApi api, CancellationToken cancellationToken) =>
        api.ListAsync(request, cancellationToken);

    private static Task<IResult> RunAsync(HttpRequest request, ReconciliationApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.RunAsync(request, client, cancellationToken);
}
