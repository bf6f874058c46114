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
        endpoints.MapGet(CommitteeApi.PendingRoute, ListPendingAsync)
            .WithTags("Committee")
            .WithName("ListPendingCommitteeRequests")
            .WithSummary("The requests awaiting the committee's decision, first in line first (reviewer or operator key).")
            .Produces<IReadOnlyList<PendingReview>>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapGet(CommitteeApi.PoisonRoute, ListPoisonAsync)
            .WithTags("Committee")
            .WithName("ListPoisonDecisions")
            .WithSummary("The decisions set aside on the committee-decisions-poison queue, with their reason; peeked, not removed (?top= 1 to 32; operator key).")
            .WithQuery("top", "How many to peek at.", OpenApiQuery.Whole(1, CommitteeApi.MaxPeek))
            .Produces<IReadOnlyList<PoisonDecisionView>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        endpoints.MapPost(CommitteeApi.CancellationRoute, CancelAsync)
            .WithMetadata(new BodySizeLimit(BodySizeLimit.Of(endpoints).Action))
            .WithTags("Committee")
            .WithName("CancelFinancingRequest")
            .WithSummary("Cancels an approved operation not yet fully disbursed, with a reason (operator key).")
            .Accepts<ReasonBody>("application/json")
            .Produces<FinancingRequestView>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return endpoints;
    }

    private static Task<IResult> ListPendingAsync(HttpRequest request, CommitteeApi api, CancellationToken cancellationToken) =>
        api.ListPendingAsync(request, cancellationToken);

    private static Task<IResult> ListPoisonAsync(HttpRequest request, CommitteeApi api, CancellationToken cancellationToken) =>
        api.ListPoisonDecisionsAsync(request, cancellationToken);

    private static Task<IResult> CancelAsync(HttpRequest request, string requestId, CommitteeApi api, DurableTaskClient client, CancellationToken cancellationToken) =>
        api.CancelAsync(request, requestId, client, cancellationToken);
}
