using Microsoft.DurableTask.Client;
using Partenariat.SelfContainedHost.Startup;
using Partenariat.Workflow.Committee;
using Partenariat.Workflow.Requests;

namespace Partenariat.SelfContainedHost.Committee;

/// <summary>The committee's API (reviewers and operators), twin of the Functions app's CommitteeFunctions.</summary>
internal static class CommitteeEndpoints
{
    public static IEndpointRouteBuilder MapCommitteeApi(this IEndpointRouteBuilder endpoints)
    {
        var committee = endpoints.MapGroup(string.Empty).WithTags("Committee");
        committee.MapGet(CommitteeApi.PendingRoute, ListPendingAsync)
            .WithName("ListPendingCommitteeRequests")
            .WithSummary("The requests awaiting the committee's decision, first in line first (reviewer or operator key).")
            .Produces<IReadOnlyList<PendingReview>>()
            .ProducesKeyProblems();
        committee.MapGet(CommitteeApi.PoisonRoute, ListPoisonAsync)
            .WithName("ListPoisonDecisions")
            .WithSummary("The decisions set aside on the committee-decisions-poison queue, with their reason; peeked, not removed (?top= 1 to 32; operator key).")
            .WithQuery("top", "How many to peek at.", OpenApiQuery.Whole(1, CommitteeApi.MaxPeek))
            .Produces<IReadOnlyList<PoisonDecisionView>>()
            .ProducesValidationProblem()
            .ProducesKeyProblems();
        committee.MapPost(CommitteeApi.CancellationRoute, CancelAsync)
            .WithName("CancelFinancingRequest")
            .WithSummary("Cancels an approved operation not yet fully disbursed, with a reason (operator key).")
            .ProducesValidationProblem()
            .IsJsonAction<ReasonBody, FinancingRequestView>(BodySizeLimit.Of(endpoints).Action);
        return endpoints;
    }

    private static Task<IResult> ListPendingAsync(HttpRequest request, CommitteeApi api, CancellationToken cancellationToken) =>
        api.ListPendingAsync(request, cancellationToken);

    private static Task<IResult> ListPoisonAsync(HttpRequest request, CommitteeApi api, CancellationToken cancellationToken) =>
        api.ListPoisonDecisionsAsync(request, cancellationToken);

    private static Task<IResult> CancelAsync(HttpRequest request, string requestId, CommitteeApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.CancelAsync(request, requestId, client, cancellationToken);
}
